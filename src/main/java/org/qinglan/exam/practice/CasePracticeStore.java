package org.qinglan.exam.practice;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** SQL of case-analysis practice: written answers as written, and the rubric points the worker ticked. */
public final class CasePracticeStore {
  private static final String INSERT = """
      INSERT INTO case_practice (id, account_id, question_id, revision, answer_text) VALUES ($1, $2, $3, $4, $5)
      """;
  private static final String ATTEMPT = """
      SELECT id, account_id, question_id, answer_text, covered_points, self_score, created_at, assessed_at
      FROM case_practice WHERE id = $1
      """;
  private static final String ATTEMPTS_OF = """
      SELECT id, account_id, question_id, answer_text, covered_points, self_score, created_at, assessed_at
      FROM case_practice WHERE account_id = $1 AND question_id = $2 ORDER BY created_at DESC
      """;
  private static final String ASSESS = """
      UPDATE case_practice SET covered_points = $2, self_score = $3, assessed_at = now() WHERE id = $1
      """;

  public Future<Void> insert(SqlClient db, UUID id, UUID accountId, UUID questionId, int revision, String text) {
    return db.preparedQuery(INSERT).execute(Tuple.of(id, accountId, questionId, revision, text)).mapEmpty();
  }

  /** The attempt, or null. */
  public Future<CasePracticeService.Attempt> attempt(SqlClient db, UUID id) {
    return db.preparedQuery(ATTEMPT).execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? null : map(rows.iterator().next()));
  }

  /** The worker's attempts at the question, newest first. */
  public Future<List<CasePracticeService.Attempt>> attempts(SqlClient db, UUID accountId, UUID questionId) {
    return db.preparedQuery(ATTEMPTS_OF).execute(Tuple.of(accountId, questionId)).map(rows -> {
      List<CasePracticeService.Attempt> out = new ArrayList<>();
      rows.forEach(r -> out.add(map(r)));
      return out;
    });
  }

  public Future<Void> assess(SqlClient tx, UUID id, Set<Integer> covered, double score) {
    return tx.preparedQuery(ASSESS).execute(Tuple.of(id, covered.toArray(Integer[]::new), score)).mapEmpty();
  }

  private static CasePracticeService.Attempt map(Row r) {
    Integer[] covered = r.getArrayOfIntegers("covered_points");
    return new CasePracticeService.Attempt(r.getUUID("id"), r.getUUID("account_id"), r.getUUID("question_id"),
        r.getString("answer_text"), covered == null ? List.of() : List.of(covered), r.getDouble("self_score"),
        r.getOffsetDateTime("created_at").toInstant(),
        r.getOffsetDateTime("assessed_at") == null ? null : r.getOffsetDateTime("assessed_at").toInstant());
  }
}
