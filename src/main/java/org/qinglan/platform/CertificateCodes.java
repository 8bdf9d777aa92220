package org.qinglan.platform;

import java.security.SecureRandom;

/**
 * Verification codes of certificates, whichever feature issues them (course certificates,
 * competition awards): twelve characters in groups of four, from an alphabet without the letters
 * and digits people confuse (no I, L, O, 0, 1), drawn by a {@link SecureRandom} so that a code
 * cannot be guessed from another. {@link CertificateLookup#normalise} reads them back.
 */
public final class CertificateCodes {
  private static final char[] ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private CertificateCodes() {
  }

  /** A new code, e.g. {@code K7QX-2MHD-9PTW}. */
  public static String next() {
    StringBuilder sb = new StringBuilder(14);
    for (int i = 0; i < 12; i++) {
      if (i > 0 && i % 4 == 0) {
        sb.append('-');
      }
      sb.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
    }
    return sb.toString();
  }
}
