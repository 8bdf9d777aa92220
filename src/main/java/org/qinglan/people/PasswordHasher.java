package org.qinglan.people;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes in the PHC string format ({@code $argon2id$v=19$m=…,t=…,p=…$salt$hash}).
 * The default cost follows OWASP's minimum (19 MiB, 2 passes). CPU-heavy: never call on an event loop.
 *
 * <p>One-time passwords issued by the system (new accounts, bulk imports, admin resets) are long
 * random secrets, so a single SHA-256 ({@code $otp-sha256$…}) protects them as well as Argon2 would
 * a chosen password, at a tiny fraction of the cost; the first sign-in replaces it with Argon2.
 */
public final class PasswordHasher {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();

  private final int memoryKib;
  private final int iterations;
  private final int parallelism;

  public PasswordHasher() {
    this(19 * 1024, 2, 1);
  }

  public PasswordHasher(int memoryKib, int iterations, int parallelism) {
    this.memoryKib = memoryKib;
    this.iterations = iterations;
    this.parallelism = parallelism;
  }

  public String hash(String password) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    byte[] out = derive(password, salt, memoryKib, iterations, parallelism, 32);
    return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism
        + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(out);
  }

  private static final String ONE_TIME_PREFIX = "$otp-sha256$";
  /** Length of a one-time password: 14 of 55 readable characters, about 81 random bits. */
  public static final int ONE_TIME_LENGTH = 14;

  /** A fresh one-time password to hand to a person once; they must change it at first sign-in. */
  public static String oneTimePassword() {
    return randomPassword(ONE_TIME_LENGTH);
  }

  /** The fast hash of a one-time password (cheap: fine on any thread). */
  public static String hashOneTime(String oneTimePassword) {
    return ONE_TIME_PREFIX + B64.encodeToString(sha256(oneTimePassword));
  }

  /** Whether a stored hash is a one-time password's, to be replaced with Argon2 at first sign-in. */
  public static boolean isOneTime(String encoded) {
    return encoded != null && encoded.startsWith(ONE_TIME_PREFIX);
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Checks a password against a stored hash; a malformed hash never matches. */
  public boolean verify(String password, String encoded) {
    if (password == null || encoded == null) {
      return false;
    }
    if (isOneTime(encoded)) {
      try {
        return MessageDigest.isEqual(B64D.decode(encoded.substring(ONE_TIME_PREFIX.length())), sha256(password));
      } catch (IllegalArgumentException e) {
        return false;
      }
    }
    String[] parts = encoded.split("\\$");
    // "", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash
    if (parts.length != 6 || !parts[1].equals("argon2id")) {
      return false;
    }
    try {
      int m = 0;
      int t = 0;
      int p = 0;
      for (String kv : parts[3].split(",")) {
        String[] pair = kv.split("=");
        int v = Integer.parseInt(pair[1]);
        switch (pair[0]) {
          case "m" -> m = v;
          case "t" -> t = v;
          case "p" -> p = v;
          default -> {
            return false;
          }
        }
      }
      byte[] salt = B64D.decode(parts[4]);
      byte[] expected = B64D.decode(parts[5]);
      byte[] actual = derive(password, salt, m, t, p, expected.length);
      return MessageDigest.isEqual(expected, actual);
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static byte[] derive(String password, byte[] salt, int m, int t, int p, int length) {
    Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withMemoryAsKB(m)
        .withIterations(t)
        .withParallelism(p)
        .withSalt(salt)
        .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(params);
    byte[] out = new byte[length];
    generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
    return out;
  }

  private static final char[] READABLE = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();

  /** A random password without look-alike characters, for one-time and demo passwords. */
  public static String randomPassword(int length) {
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(READABLE[RANDOM.nextInt(READABLE.length)]);
    }
    return sb.toString();
  }
}
