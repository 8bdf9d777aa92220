package org.qinglan.people;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
  private final PasswordHasher hasher = new PasswordHasher();

  @Test
  void verifiesTheRightPasswordOnly() {
    String hash = hasher.hash("社区工作者2026!");
    assertTrue(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), hash);
    assertTrue(hasher.verify("社区工作者2026!", hash));
    assertFalse(hasher.verify("社区工作者2026", hash));
    assertFalse(hasher.verify("", hash));
  }

  @Test
  void saltsEveryHash() {
    assertNotEquals(hasher.hash("same-password"), hasher.hash("same-password"));
  }

  @Test
  void readsTheCostFromTheStoredHash() {
    String cheap = new PasswordHasher(1024, 1, 1).hash("pw-12345678");
    assertTrue(hasher.verify("pw-12345678", cheap), "a hash made with other parameters still verifies");
  }

  @Test
  void malformedHashesNeverMatch() {
    assertFalse(hasher.verify("x", "plain-text"));
    assertFalse(hasher.verify("x", "$argon2id$v=19$m=x,t=2,p=1$AAAA$BBBB"));
    assertFalse(hasher.verify("x", null));
  }

  @Test
  void randomPasswordsAvoidLookAlikes() {
    String pw = PasswordHasher.randomPassword(200);
    assertFalse(pw.matches(".*[0O1lI].*"), pw);
  }

  @Test
  void oneTimePasswordsHaveAFastHashThatVerifiesOnlyThemselves() {
    String oneTime = PasswordHasher.oneTimePassword();
    assertTrue(oneTime.length() >= 14, oneTime);
    assertTrue(PasswordPolicy.standard().problems(oneTime).isEmpty(), oneTime);
    String hash = PasswordHasher.hashOneTime(oneTime);
    assertTrue(PasswordHasher.isOneTime(hash));
    assertFalse(PasswordHasher.isOneTime(hasher.hash(oneTime)));
    assertTrue(hasher.verify(oneTime, hash));
    assertFalse(hasher.verify(oneTime + "x", hash));
    assertFalse(hasher.verify(oneTime, "$otp-sha256$not base64!"));
  }
}
