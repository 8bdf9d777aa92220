package org.qinglan.course;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** SQL for certificates: issued once per worker and course, found by their code. */
public final class CertificateStore {
  private static final String COLUMNS = """
      code, account_id, course_id, kind, holder_name, course_title, credit_hours, issuing_unit, issued_at""";
  private static final String INSERT = """
      INSERT INTO certificate (code, account_id, course_id, kind, holder_name, course_title, credit_hours, issuing_unit)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (account_id, course_id) DO NOTHING
      """;
  private static final String BY_CODE = "SELECT " + COLUMNS + " FROM certificate WHERE code = $1";
  private static final String OF_ACCOUNT = "SELECT " + COLUMNS + " FROM certificate WHERE account_id = $1 ORDER BY issued_at DESC";

  /** The kinds of certificate. */
  public enum Kind {
    COMPLETION("结业证书"),
    POST_ENTRY("上岗培训证书");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** An issued certificate. */
  public record Certificate(String code, UUID accountId, String courseId, Kind kind, String holderName,
                            String courseTitle, double creditHours, String issuingUnit, Instant issuedAt) {
    public boolean postEntry() {
      return kind == Kind.POST_ENTRY;
    }
  }

  /** Issues a certificate (the issue date is now); nothing happens when the worker holds one for the course. */
  public Future<Void> insert(SqlClient db, Certificate c) {
    return db.preparedQuery(INSERT).execute(Tuple.tuple().addString(c.code()).addUUID(c.accountId())
        .addString(c.courseId()).addString(c.kind().name()).addString(c.holderName()).addString(c.courseTitle())
        .addDouble(c.creditHours()).addString(c.issuingUnit())).mapEmpty();
  }

  /** The certificate with this code, or null. */
  public Future<Certificate> byCode(SqlClient db, String code) {
    return db.preparedQuery(BY_CODE).execute(Tuple.of(code))
        .map(rows -> rows.size() == 0 ? null : certificate(rows.iterator().next()));
  }

  /** The account's certificates, newest first. */
  public Future<List<Certificate>> ofAccount(SqlClient db, UUID accountId) {
    return db.preparedQuery(OF_ACCOUNT).execute(Tuple.of(accountId)).map(rows -> {
      List<Certificate> out = new ArrayList<>();
      rows.forEach(r -> out.add(certificate(r)));
      return out;
    });
  }

  private static Certificate certificate(Row r) {
    return new Certificate(r.getString("code"), r.getUUID("account_id"), r.getString("course_id"),
        Kind.valueOf(r.getString("kind")), r.getString("holder_name"), r.getString("course_title"),
        r.getDouble("credit_hours"), r.getString("issuing_unit"), r.getOffsetDateTime("issued_at").toInstant());
  }
}
