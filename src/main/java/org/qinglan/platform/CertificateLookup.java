package org.qinglan.platform;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Finds an issued certificate by its verification code, for the public verification page
 * ({@code /verify/{code}}). Each feature that issues certificates supplies one (courses their
 * certificates, competitions their awards); the application joins them with {@link #firstOf}, so
 * the page asks one lookup and no feature reads another's tables.
 */
@FunctionalInterface
public interface CertificateLookup {

  /**
   * The certificate with this code, as the public page may show it, or null when this feature
   * issued none with it.
   *
   * @param code already {@linkplain #normalise normalised}
   */
  Future<Verified> find(String code);

  /** One line of what a certificate attests (课程 …, 学时 …, 奖项 …). */
  record Fact(String label, String value) {
  }

  /**
   * A certificate as the public page shows it.
   *
   * @param holder the holder's name, already {@linkplain #maskName masked}
   * @param valid  false when the certificate was withdrawn (its code is known, but it attests nothing now)
   * @param note   why it is not valid (or null)
   */
  record Verified(String kind, String holder, List<Fact> facts, Instant issuedAt, String issuer, boolean valid,
                  String note) {
    public Verified {
      facts = List.copyOf(facts);
    }
  }

  /** The first lookup that knows the code; codes that cannot be a certificate's are nobody's. */
  static CertificateLookup firstOf(List<CertificateLookup> lookups) {
    List<CertificateLookup> all = List.copyOf(lookups);
    return code -> {
      Future<Verified> result = Future.succeededFuture(null);
      for (CertificateLookup l : all) {
        result = result.compose(found -> found != null ? Future.succeededFuture(found) : l.find(code));
      }
      return result;
    };
  }

  /** A code as certificates carry it (upper case, letters, digits and dashes), or null when it cannot be one. */
  static String normalise(String code) {
    String normalised = code == null ? "" : code.strip().toUpperCase(Locale.ROOT);
    return normalised.matches("[A-Z0-9-]{4,20}") ? normalised : null;
  }

  /** Shows a name on the public verification page: 林小雨 → 林*雨, 周敏 → 周*. */
  static String maskName(String name) {
    if (name == null || name.isEmpty()) {
      return "";
    }
    int[] cps = name.codePoints().toArray();
    if (cps.length == 1) {
      return name;
    }
    if (cps.length == 2) {
      return new String(cps, 0, 1) + "*";
    }
    return new String(cps, 0, 1) + "*".repeat(cps.length - 2) + new String(cps, cps.length - 1, 1);
  }
}
