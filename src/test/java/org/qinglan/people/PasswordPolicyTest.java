package org.qinglan.people;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {
  private final PasswordPolicy policy = PasswordPolicy.standard();

  @Test
  void theDemoPasswordAndOrdinaryPassphrasesAreAccepted() {
    for (String ok : new String[] {"Demo-pass-2026", "Qinglan-river-77", "mine-2026-ok", "社区工作者的密码2026",
        "correct horse battery"}) {
      assertEquals(List.of(), policy.problems(ok, "someone", "13800000002"), ok);
    }
  }

  @Test
  void atLeastTenAndAtMost128Characters() {
    assertFalse(policy.problems("Abc-12345").isEmpty());
    assertTrue(policy.problems("Abc-12345").get(0).contains("至少需要 10 个字符"));
    assertTrue(policy.problems("a".repeat(60) + "Bc-" + "d".repeat(70)).get(0).contains("不能超过 128 个字符"));
  }

  @Test
  void commonPasswordsAreRefusedWhateverTheCaseAndTheDigitsAround() {
    for (String weak : new String[] {"password123", "Password2026!", "woaini1314", "5201314520", "qwertyuiop",
        "1qaz2wsx3edc", "P@ssw0rd2026", "iloveyou1314", "woaiwojia123", "zhangwei1990", "Admin@12345",
        "1314woaini520"}) {
      assertTrue(policy.problems(weak).stream().anyMatch(p -> p.contains("过于常见")), weak + " " + policy.problems(weak));
    }
  }

  @Test
  void repeatsSequencesAndFewDistinctCharactersAreRefused() {
    for (String weak : new String[] {"aaaaaaaaaaaa", "1234567890", "0987654321", "abcdefghijk", "abcabcabcabc",
        "1212121212", "zyxwvutsrqp", "aaaaabbbbb1"}) {
      assertFalse(policy.problems(weak).isEmpty(), weak);
    }
  }

  @Test
  void theUsernameOrMobileNumberIsNoPassword() {
    assertFalse(policy.problems("13800000002x!", "worker", "13800000002").isEmpty());
    assertFalse(policy.problems("worker.zhang-77", "Worker.Zhang", null).isEmpty());
  }

  @Test
  void theShippedListHasAFewHundredEntries() {
    assertTrue(policy.size() >= 300, "entries: " + policy.size());
  }
}
