package org.qinglan.course;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * SQL for course assignments: a course with a due date for one worker, or for everyone in an org
 * unit (and below), possibly only those the course's audience admits. Org units are named by id;
 * which units contain a worker is worked out from the worker's unit (see {@link CoursePolicy#unitAndAbove}).
 */
public final class AssignmentStore {
  private static final String COLUMNS = """
      a.id, a.course_id, c.title, c.audience, a.account_id, a.org_unit_id, a.audience_only, a.due_date""";
  /** Assignments to these accounts ($1) or to these org units ($2), retired courses included. */
  private static final String FOR_WORKERS = "SELECT " + COLUMNS + """

      FROM course_assignment a JOIN course c ON c.id = a.course_id
      WHERE a.account_id = ANY($1::uuid[]) OR a.org_unit_id = ANY($2::uuid[])
      """;
  /** Assignments to the account ($1) or to one of the org units ($2) that contain it, of courses still offered. */
  private static final String FOR_WORKER = "SELECT " + COLUMNS + """

      FROM course_assignment a JOIN course c ON c.id = a.course_id
      WHERE c.retired_at IS NULL AND (a.account_id = $1 OR a.org_unit_id = ANY($2::uuid[]))
      """;
  private static final String INSERT = """
      INSERT INTO course_assignment (id, course_id, assigned_by, account_id, org_unit_id, audience_only, due_date)
      VALUES ($1, $2, $3, $4, $5, $6, $7)
      """;

  /** An assignment with its course's title and audience; {@code accountId} or {@code orgUnitId} is null. */
  public record Assignment(UUID id, String courseId, String title, Audience audience, UUID accountId, UUID orgUnitId,
                           boolean audienceOnly, LocalDate due) {
  }

  /** The assignments to these workers or to these org units (those that contain the workers). */
  public Future<List<Assignment>> forWorkers(SqlClient db, Collection<UUID> accountIds, Collection<UUID> unitIds) {
    return db.preparedQuery(FOR_WORKERS).execute(Tuple.tuple()
        .addArrayOfUUID(accountIds.toArray(UUID[]::new)).addArrayOfUUID(unitIds.toArray(UUID[]::new))).map(rows -> {
      List<Assignment> out = new ArrayList<>();
      rows.forEach(r -> out.add(assignment(r)));
      return out;
    });
  }

  /** The assignments to a worker or to the units that contain them ({@code unitIds}), of courses not retired. */
  public Future<List<Assignment>> forWorker(SqlClient db, UUID accountId, Collection<UUID> unitIds) {
    return db.preparedQuery(FOR_WORKER).execute(Tuple.tuple().addUUID(accountId)
        .addArrayOfUUID(unitIds.toArray(UUID[]::new))).map(rows -> {
      List<Assignment> out = new ArrayList<>();
      rows.forEach(r -> out.add(assignment(r)));
      return out;
    });
  }

  public Future<Void> insert(SqlClient db, Assignment a, UUID assignedBy) {
    return db.preparedQuery(INSERT).execute(Tuple.tuple().addUUID(a.id()).addString(a.courseId()).addUUID(assignedBy)
        .addUUID(a.accountId()).addUUID(a.orgUnitId()).addBoolean(a.audienceOnly()).addLocalDate(a.due())).mapEmpty();
  }

  private static Assignment assignment(Row r) {
    return new Assignment(r.getUUID("id"), r.getString("course_id"), r.getString("title"),
        CourseJson.audience(r.getJsonObject("audience")), r.getUUID("account_id"), r.getUUID("org_unit_id"),
        r.getBoolean("audience_only"), r.getLocalDate("due_date"));
  }
}
