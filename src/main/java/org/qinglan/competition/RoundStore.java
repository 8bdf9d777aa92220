package org.qinglan.competition;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * SQL of knowledge rounds: the rounds of a competition, their frozen question sets, the entries,
 * the answers as saved, the notes beside an entry and the results at the close. It reads (never
 * writes) the competition and its registrations, which the competition feature's set-up keeps.
 */
public final class RoundStore {
  // ---- the competition, as a round needs it ----

  private static final String COMPETITION = """
      SELECT id, title, org_unit_id, stage, team_basis FROM competition WHERE id = $1
      """;
  /** Declarations of one competition take turns, so that positions follow one another. */
  private static final String LOCK_COMPETITION = COMPETITION + " FOR UPDATE";

  /** What a round's rules need of its competition. */
  public record CompetitionFacts(UUID id, String title, UUID orgUnitId, CompetitionStage stage, String teamBasis) {
    public boolean teams() {
      return !"NONE".equals(teamBasis);
    }
  }

  // ---- rounds ----

  private static final String ROUND_COLUMNS = """
      r.id, r.competition_id, r.position, r.title, r.kind, r.advancement, r.scoring, r.tie_break, r.timing,
      r.opens_at, r.closes_at, r.minutes, r.question_seconds, r.question_source, r.state, r.opened_at, r.closed_at
      """;
  private static final String ROUNDS_OF = "SELECT " + ROUND_COLUMNS
      + " FROM competition_round r WHERE r.competition_id = $1 ORDER BY r.position";
  private static final String ROUND = "SELECT " + ROUND_COLUMNS + """
      , c.title AS c_title, c.org_unit_id AS c_org_unit_id, c.stage AS c_stage, c.team_basis AS c_team_basis
      FROM competition_round r JOIN competition c ON c.id = r.competition_id
      WHERE r.id = $1
      """;
  private static final String LOCK_ROUND = ROUND + " FOR UPDATE OF r";
  private static final String NEXT_POSITION = """
      SELECT coalesce(max(position), 0) + 1 AS next FROM competition_round WHERE competition_id = $1
      """;
  private static final String INSERT_ROUND = """
      INSERT INTO competition_round (id, competition_id, position, title, kind, advancement, scoring, tie_break, timing,
                                     opens_at, closes_at, minutes, question_seconds, question_source)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
      """;
  /** A planned round's declaration replaced (its position kept). */
  private static final String UPDATE_ROUND = """
      UPDATE competition_round SET title = $2, kind = $3, advancement = $4, scoring = $5, tie_break = $6, timing = $7,
                                   opens_at = $8, closes_at = $9, minutes = $10, question_seconds = $11,
                                   question_source = $12, version = version + 1
      WHERE id = $1 AND state = 'PLANNED'
      """;
  private static final String DELETE_ROUND = "DELETE FROM competition_round WHERE id = $1 AND state = 'PLANNED'";
  /** The rounds after a deleted one move up a place (through a free range: positions are unique at every row). */
  private static final String MOVE_UP = """
      UPDATE competition_round SET position = position + 100000 WHERE competition_id = $1 AND position > $2
      """;
  private static final String MOVE_UP_DONE = """
      UPDATE competition_round SET position = position - 100001 WHERE competition_id = $1 AND position > 100000
      """;
  private static final String SET_OPEN = """
      UPDATE competition_round SET state = 'OPEN', opened_at = now(), version = version + 1 WHERE id = $1
      """;
  private static final String SET_CLOSED = """
      UPDATE competition_round SET state = 'CLOSED', closed_at = now(), version = version + 1 WHERE id = $1
      """;
  private static final String INSERT_QUESTION = """
      INSERT INTO competition_round_question (round_id, position, question_id, revision, body, marks)
      VALUES ($1, $2, $3, $4, $5, $6)
      """;
  private static final String PAPER = """
      SELECT position, question_id, revision, body, marks FROM competition_round_question
      WHERE round_id = $1 ORDER BY position
      """;
  /** Open rounds whose closing moment has come (closed by a periodic job). */
  private static final String DUE = """
      SELECT id FROM competition_round WHERE state = 'OPEN' AND closes_at <= now() ORDER BY closes_at LIMIT 20
      """;

  /** A round with what its rules need of its competition. */
  public record RoundFacts(Round round, CompetitionFacts competition) {
  }

  // ---- entries ----

  private static final String ENTRY_COLUMNS = """
      e.id, e.round_id, e.account_id, e.started_at, e.deadline, e.submitted_at, e.auto_submitted, e.device_id,
      e.takeovers, e.points, e.correct, e.wrong, e.total_ms
      """;
  private static final String ENTRY_OF = "SELECT " + ENTRY_COLUMNS
      + " FROM competition_entry e WHERE e.round_id = $1 AND e.account_id = $2";
  private static final String LOCK_ENTRY = "SELECT " + ENTRY_COLUMNS
      + " FROM competition_entry e WHERE e.id = $1 FOR UPDATE";
  /**
   * Whether the person may begin: their registration, and for a round after the first, the round
   * before it and whether they advanced from it.
   */
  private static final String ADMISSION = """
      SELECT reg.account_id IS NOT NULL AS registered, reg.withdrawn_at IS NOT NULL AS withdrawn,
             prev.id AS prev_id, prev.state AS prev_state,
             EXISTS (SELECT 1 FROM competition_result res
                     WHERE res.round_id = prev.id AND res.account_id = $2 AND res.advances) AS advanced
      FROM competition_round r
      LEFT JOIN competition_registration reg ON reg.competition_id = r.competition_id AND reg.account_id = $2
      LEFT JOIN competition_round prev ON prev.competition_id = r.competition_id AND prev.position = r.position - 1
      WHERE r.id = $1
      """;
  /**
   * Begins an entry, or takes it over from another device: only while the round is open (its row
   * is read FOR SHARE, so a begin and a close take turns: a begin that waited for a close finds the
   * round closed and stores nothing). An entry already begun on the same device, or submitted, is
   * left as it is (no row returned). {@code previous_device} is the device taken over from.
   */
  private static final String BEGIN = """
      WITH r AS (SELECT id FROM competition_round WHERE id = $2 AND state = 'OPEN' FOR SHARE),
           old AS (SELECT device_id FROM competition_entry WHERE round_id = $2 AND account_id = $3)
      INSERT INTO competition_entry (id, round_id, account_id, started_at, deadline, device_id)
      SELECT $1, r.id, $3, $4, $5, $6 FROM r
      ON CONFLICT (round_id, account_id) DO UPDATE
        SET device_id = excluded.device_id, takeovers = competition_entry.takeovers + 1,
            tally_version = competition_entry.tally_version + 1
        WHERE competition_entry.submitted_at IS NULL AND competition_entry.device_id <> excluded.device_id
      RETURNING id, (SELECT device_id FROM old) AS previous_device
      """;
  private static final String INSERT_NOTE = "INSERT INTO competition_entry_note (entry_id, kind) VALUES ($1, $2)";
  /** A visibility note from the entry's active device while the entry is open. */
  private static final String NOTE_FROM_DEVICE = """
      WITH e AS (
        UPDATE competition_entry SET tally_version = tally_version + 1
        WHERE round_id = $1 AND account_id = $2 AND device_id = $3 AND submitted_at IS NULL
        RETURNING id
      )
      INSERT INTO competition_entry_note (entry_id, kind) SELECT id, $4 FROM e
      RETURNING id
      """;
  private static final String ANSWERS_OF = """
      SELECT question_id, response, seq FROM competition_answer WHERE entry_id = $1
      """;
  /**
   * Saves one answer in one statement, the entry checked on the way: saved only while the entry is
   * open, its time not up and this device the active one, and only over an older seq. The entry's
   * row is updated (its change counter, {@code tally_version}, moves on), so a save and a submit or
   * a close (which hold the row FOR UPDATE while they read the answers) take turns: a save that
   * waited finds the entry submitted and stores nothing, and a submit that waited reads what the save
   * stored. The question's time runs from the entry's latest answer to another question (or its
   * start) and counts at most the allowance ($7, ms). The last columns say why nothing was stored,
   * as the entry stood when the statement began; {@code standing_*} is the answer that stood then.
   */
  private static final String SAVE = """
      WITH ok AS (
        UPDATE competition_entry SET tally_version = tally_version + 1
        WHERE round_id = $1 AND account_id = $2 AND submitted_at IS NULL AND deadline > now() AND device_id = $3
        RETURNING id, floor(extract(epoch FROM now() - started_at) * 1000)::bigint AS elapsed
      ), prev AS (
        SELECT coalesce(max(a.elapsed_ms), 0) AS at FROM competition_answer a JOIN ok ON a.entry_id = ok.id
        WHERE a.question_id <> $4
      ), saved AS (
        INSERT INTO competition_answer (entry_id, question_id, response, seq, elapsed_ms, answer_ms, earned, full_marks)
        SELECT ok.id, $4, $5, $6, ok.elapsed, least(greatest(ok.elapsed - prev.at, 0), $7), $8, $9 FROM ok, prev
        ON CONFLICT (entry_id, question_id) DO UPDATE
          SET response = excluded.response, seq = excluded.seq, elapsed_ms = excluded.elapsed_ms,
              answer_ms = excluded.answer_ms, earned = excluded.earned, full_marks = excluded.full_marks,
              saved_at = now()
          WHERE competition_answer.seq < excluded.seq
        RETURNING seq
      )
      SELECT (SELECT count(*) FROM saved) AS stored, (SELECT count(*) FROM ok) AS open,
             e.submitted_at IS NOT NULL AS submitted, e.deadline <= now() AS late, e.device_id = $3 AS this_device,
             s.seq AS standing_seq, s.response AS standing_response
      FROM competition_entry e LEFT JOIN competition_answer s ON s.entry_id = e.id AND s.question_id = $4
      WHERE e.round_id = $1 AND e.account_id = $2
      """;
  private static final String STANDING = """
      SELECT a.seq, a.response FROM competition_answer a JOIN competition_entry e ON e.id = a.entry_id
      WHERE e.round_id = $1 AND e.account_id = $2 AND a.question_id = $3
      """;
  private static final String SUBMIT = """
      UPDATE competition_entry SET submitted_at = $2, auto_submitted = $3, points = $4, correct = $5, wrong = $6,
                                   total_ms = $7, tally_version = tally_version + 1
      WHERE id = $1
      """;
  /** At the close: the open entries, locked (a save in flight finishes first; later ones find them handed in). */
  private static final String LOCK_OPEN = """
      SELECT id FROM competition_entry WHERE round_id = $1 AND submitted_at IS NULL FOR UPDATE
      """;
  /** At the close: the open entries handed in, each at the given moment, with its score, in one statement. */
  private static final String HAND_IN = """
      UPDATE competition_entry e SET submitted_at = d.at, auto_submitted = true, points = d.points, correct = d.correct,
                                     wrong = d.wrong, total_ms = d.total_ms, tally_version = e.tally_version + 1
      FROM unnest($1::uuid[], $2::timestamptz[], $3::float8[], $4::int[], $5::int[], $6::bigint[])
        AS d (id, at, points, correct, wrong, total_ms)
      WHERE e.id = d.id AND e.submitted_at IS NULL
      """;
  /** Open entries whose time is up, in rounds that are not due to close (the close hands those in). */
  private static final String OVERDUE = """
      SELECT e.id FROM competition_entry e JOIN competition_round r ON r.id = e.round_id
      WHERE e.submitted_at IS NULL AND e.deadline <= now() AND r.state = 'OPEN' AND r.closes_at > now()
      ORDER BY e.deadline LIMIT 200
      """;

  /** An entry as stored; the score is null until it is handed in. */
  public record Entry(UUID id, UUID roundId, UUID accountId, Instant startedAt, Instant deadline, Instant submittedAt,
                      boolean autoSubmitted, String deviceId, int takeovers, Double points, Integer correct,
                      Integer wrong, Long totalMs) {
    public boolean open() {
      return submittedAt == null;
    }
  }

  /** Who may begin (see {@link #ADMISSION}). */
  public record Admission(boolean registered, boolean withdrawn, UUID previousRound, RoundState previousState,
                          boolean advanced) {
  }

  /** An answer as saved: stored option indexes and the seq it was saved at. */
  public record SavedAnswer(UUID questionId, Set<Integer> choices, long seq) {
  }

  /**
   * What a save did: {@code stored}, or why not: the entry handed in, its time up, another device
   * active, or a newer (or the same) seq standing, with that answer.
   */
  public record SaveOutcome(boolean stored, boolean open, boolean submitted, boolean late, boolean thisDevice,
                            Long standingSeq, Set<Integer> standingChoices) {
  }

  /** The answer that stands for a question, with its seq. */
  public record Standing(long seq, Set<Integer> choices) {
  }

  // ---- standings and results ----

  /** One entry with its answers, for scoring its hand-in (see {@link #LIVE_TALLIES} for the arrays). */
  private static final String TALLY = """
      SELECT e.id, e.account_id, e.started_at, e.deadline, e.submitted_at, e.auto_submitted, e.takeovers,
             e.tally_version, NULL::uuid AS org_unit_id, 0::bigint AS hidden,
             a.positions, a.earned, a.answered, a.answer_ms, NULL::bigint[] AS saved_ms
      FROM competition_entry e
      LEFT JOIN LATERAL (
        SELECT array_agg(q.position) AS positions, array_agg(x.earned) AS earned,
               array_agg(coalesce(jsonb_array_length(x.response -> 'choices'), 0) > 0) AS answered,
               array_agg(x.answer_ms) AS answer_ms
        FROM competition_answer x
        JOIN competition_round_question q ON q.round_id = e.round_id AND q.question_id = x.question_id
        WHERE x.entry_id = e.id
      ) a ON true
      WHERE e.id = $1
      """;
  /** Each entry's change counter (and the database's clock, for "the last minute"). */
  private static final String VERSIONS = """
      SELECT e.id, e.tally_version, (extract(epoch FROM now()) * 1000)::bigint AS now_ms
      FROM competition_entry e WHERE e.round_id = $1
      """;
  /**
   * Some entries of a round with their answers as stored, for scoring and the standings: each
   * entry's answers folded into arrays (the question's place in the paper, the marks earned,
   * whether anything was chosen, the time as scored, when it was saved), its notes and its
   * contestant's unit.
   */
  private static final String LIVE_TALLIES = """
      SELECT e.id, e.account_id, e.started_at, e.deadline, e.submitted_at, e.auto_submitted, e.takeovers, e.tally_version,
             reg.org_unit_id,
             (SELECT count(*) FROM competition_entry_note n WHERE n.entry_id = e.id AND n.kind = 'PAGE_HIDDEN') AS hidden,
             a.positions, a.earned, a.answered, a.answer_ms, a.saved_ms
      FROM competition_entry e
      JOIN competition_round r ON r.id = e.round_id
      LEFT JOIN competition_registration reg ON reg.competition_id = r.competition_id AND reg.account_id = e.account_id
      LEFT JOIN LATERAL (
        SELECT array_agg(q.position) AS positions, array_agg(x.earned) AS earned,
               array_agg(coalesce(jsonb_array_length(x.response -> 'choices'), 0) > 0) AS answered,
               array_agg(x.answer_ms) AS answer_ms,
               array_agg((extract(epoch FROM x.saved_at) * 1000)::bigint) AS saved_ms
        FROM competition_answer x
        JOIN competition_round_question q ON q.round_id = e.round_id AND q.question_id = x.question_id
        WHERE x.entry_id = e.id
      ) a ON true
      WHERE e.round_id = $1 AND e.id = ANY($2::uuid[])
      """;
  /** The final standings of a closed round, as written at its close, with what organisers see beside them. */
  private static final String FINAL = """
      SELECT res.account_id, res.rank, res.tied, res.points, res.correct, res.total_ms, res.advances,
             e.id AS entry_id, e.started_at, e.deadline, e.submitted_at, e.auto_submitted, e.takeovers, e.wrong, e.tally_version,
             reg.org_unit_id,
             (SELECT count(*) FROM competition_entry_note n WHERE n.entry_id = e.id AND n.kind = 'PAGE_HIDDEN') AS hidden
      FROM competition_result res
      JOIN competition_round r ON r.id = res.round_id
      JOIN competition_entry e ON e.round_id = res.round_id AND e.account_id = res.account_id
      LEFT JOIN competition_registration reg ON reg.competition_id = r.competition_id AND reg.account_id = res.account_id
      WHERE res.round_id = $1
      ORDER BY res.rank, res.account_id::text
      """;
  private static final String TEAMS = """
      SELECT account_id, team_key FROM competition_registration
      WHERE competition_id = $1 AND team_key IS NOT NULL AND withdrawn_at IS NULL
      """;
  private static final String INSERT_RESULTS = """
      INSERT INTO competition_result (round_id, account_id, rank, tied, points, correct, total_ms, advances)
      SELECT $1, d.account_id, d.rank, d.tied, d.points, d.correct, d.total_ms, d.advances
      FROM unnest($2::uuid[], $3::int[], $4::bool[], $5::float8[], $6::int[], $7::bigint[], $8::bool[])
        AS d (account_id, rank, tied, points, correct, total_ms, advances)
      """;
  private static final String RESULT_OF = """
      SELECT rank, tied, points, correct, total_ms, advances FROM competition_result
      WHERE round_id = $1 AND account_id = $2
      """;
  private static final String ADVANCES = """
      SELECT account_id FROM competition_result WHERE round_id = $1 AND advances
      """;

  /** A contestant's result in a closed round. */
  public record Result(int rank, boolean tied, double points, int correct, long totalMs, boolean advances) {
  }

  // ---- competitions ----

  public Future<CompetitionFacts> competition(SqlClient db, UUID id) {
    return db.preparedQuery(COMPETITION).execute(Tuple.of(id)).map(RoundStore::competitionOf);
  }

  public Future<CompetitionFacts> lockCompetition(SqlClient tx, UUID id) {
    return tx.preparedQuery(LOCK_COMPETITION).execute(Tuple.of(id)).map(RoundStore::competitionOf);
  }

  private static CompetitionFacts competitionOf(RowSet<Row> rows) {
    if (rows.size() == 0) {
      return null;
    }
    Row r = rows.iterator().next();
    return new CompetitionFacts(r.getUUID("id"), r.getString("title"), r.getUUID("org_unit_id"),
        CompetitionStage.valueOf(r.getString("stage")), r.getString("team_basis"));
  }

  // ---- rounds ----

  public Future<List<Round>> rounds(SqlClient db, UUID competitionId) {
    return db.preparedQuery(ROUNDS_OF).execute(Tuple.of(competitionId)).map(rows -> {
      List<Round> out = new ArrayList<>();
      rows.forEach(r -> out.add(round(r)));
      return out;
    });
  }

  /** The round with its competition's facts, or null. */
  public Future<RoundFacts> round(SqlClient db, UUID id) {
    return db.preparedQuery(ROUND).execute(Tuple.of(id)).map(RoundStore::roundFacts);
  }

  /** As {@link #round}, the round's row locked for the caller's transaction. */
  public Future<RoundFacts> lockRound(SqlClient tx, UUID id) {
    return tx.preparedQuery(LOCK_ROUND).execute(Tuple.of(id)).map(RoundStore::roundFacts);
  }

  private static RoundFacts roundFacts(RowSet<Row> rows) {
    if (rows.size() == 0) {
      return null;
    }
    Row r = rows.iterator().next();
    return new RoundFacts(round(r), new CompetitionFacts(r.getUUID("competition_id"), r.getString("c_title"),
        r.getUUID("c_org_unit_id"), CompetitionStage.valueOf(r.getString("c_stage")), r.getString("c_team_basis")));
  }

  public Future<Integer> nextPosition(SqlClient tx, UUID competitionId) {
    return tx.preparedQuery(NEXT_POSITION).execute(Tuple.of(competitionId))
        .map(rows -> rows.iterator().next().getInteger("next"));
  }

  public Future<Void> insertRound(SqlClient tx, UUID id, UUID competitionId, int position, RoundPlan p) {
    Tuple t = Tuple.tuple().addUUID(id).addUUID(competitionId).addInteger(position).addString(p.title().strip())
        .addString(p.kind().name()).addValue(advancementJson(p.advancement()))
        .addString(p.scoring() == null ? null : p.scoring().name())
        .addString(p.tieBreak() == null ? null : p.tieBreak().name())
        .addString(p.timing() == null ? null : p.timing().name())
        .addOffsetDateTime(utc(p.opensAt())).addOffsetDateTime(utc(p.effectiveClosesAt()))
        .addInteger(p.minutes()).addInteger(p.questionSeconds()).addValue(sourceJson(p.source()));
    return tx.preparedQuery(INSERT_ROUND).execute(t).mapEmpty();
  }

  /** Replaces a planned round's declaration; false when it is not planned (any more). */
  public Future<Boolean> updateRound(SqlClient tx, UUID id, RoundPlan p) {
    Tuple t = Tuple.tuple().addUUID(id).addString(p.title().strip()).addString(p.kind().name())
        .addValue(advancementJson(p.advancement()))
        .addString(p.scoring() == null ? null : p.scoring().name())
        .addString(p.tieBreak() == null ? null : p.tieBreak().name())
        .addString(p.timing() == null ? null : p.timing().name())
        .addOffsetDateTime(utc(p.opensAt())).addOffsetDateTime(utc(p.effectiveClosesAt()))
        .addInteger(p.minutes()).addInteger(p.questionSeconds()).addValue(sourceJson(p.source()));
    return tx.preparedQuery(UPDATE_ROUND).execute(t).map(rows -> rows.rowCount() > 0);
  }

  /** Deletes a planned round and moves the later ones up a place; false when it is not planned (any more). */
  public Future<Boolean> deleteRound(SqlClient tx, UUID competitionId, UUID id, int position) {
    return tx.preparedQuery(DELETE_ROUND).execute(Tuple.of(id)).compose(rows -> {
      if (rows.rowCount() == 0) {
        return Future.succeededFuture(false);
      }
      return tx.preparedQuery(MOVE_UP).execute(Tuple.of(competitionId, position))
          .compose(x -> tx.preparedQuery(MOVE_UP_DONE).execute(Tuple.of(competitionId))).map(true);
    });
  }

  public Future<Void> setOpen(SqlClient tx, UUID roundId) {
    return tx.preparedQuery(SET_OPEN).execute(Tuple.of(roundId)).mapEmpty();
  }

  public Future<Void> setClosed(SqlClient tx, UUID roundId) {
    return tx.preparedQuery(SET_CLOSED).execute(Tuple.of(roundId)).mapEmpty();
  }

  /** One frozen question. */
  public record FrozenRow(int position, UUID questionId, int revision, JsonObject body, double marks) {
  }

  public Future<Void> insertQuestions(SqlClient tx, UUID roundId, List<FrozenRow> rows) {
    List<Tuple> batch = new ArrayList<>();
    for (FrozenRow f : rows) {
      batch.add(Tuple.tuple().addUUID(roundId).addInteger(f.position()).addUUID(f.questionId())
          .addInteger(f.revision()).addValue(f.body()).addDouble(f.marks()));
    }
    return tx.preparedQuery(INSERT_QUESTION).executeBatch(batch).mapEmpty();
  }

  /** The frozen question set in order (empty before the round opened). */
  public Future<List<FrozenRow>> paper(SqlClient db, UUID roundId) {
    return db.preparedQuery(PAPER).execute(Tuple.of(roundId)).map(rows -> {
      List<FrozenRow> out = new ArrayList<>();
      for (Row r : rows) {
        out.add(new FrozenRow(r.getInteger("position"), r.getUUID("question_id"), r.getInteger("revision"),
            r.getJsonObject("body"), r.getDouble("marks")));
      }
      return out;
    });
  }

  public Future<List<UUID>> dueToClose(SqlClient db) {
    return db.query(DUE).execute().map(RoundStore::ids);
  }

  // ---- entries ----

  /** The person's entry in the round, or null. */
  public Future<Entry> entry(SqlClient db, UUID roundId, UUID accountId) {
    return db.preparedQuery(ENTRY_OF).execute(Tuple.of(roundId, accountId)).map(RoundStore::firstEntry);
  }

  public Future<Entry> lockEntry(SqlClient tx, UUID entryId) {
    return tx.preparedQuery(LOCK_ENTRY).execute(Tuple.of(entryId)).map(RoundStore::firstEntry);
  }

  public Future<Admission> admission(SqlClient db, UUID roundId, UUID accountId) {
    return db.preparedQuery(ADMISSION).execute(Tuple.of(roundId, accountId)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row r = rows.iterator().next();
      String prevState = r.getString("prev_state");
      return new Admission(r.getBoolean("registered"), r.getBoolean("withdrawn"), r.getUUID("prev_id"),
          prevState == null ? null : RoundState.valueOf(prevState), r.getBoolean("advanced"));
    });
  }

  /** What {@link #BEGIN} did: nothing (null), a new entry, or a takeover from {@code previousDevice}. */
  public record Begun(UUID entryId, String previousDevice) {
    public boolean takeover() {
      return previousDevice != null;
    }
  }

  public Future<Begun> begin(SqlClient tx, UUID entryId, UUID roundId, UUID accountId, Instant startedAt,
                             Instant deadline, String deviceId) {
    return tx.preparedQuery(BEGIN).execute(Tuple.tuple().addUUID(entryId).addUUID(roundId).addUUID(accountId)
        .addOffsetDateTime(utc(startedAt)).addOffsetDateTime(utc(deadline)).addString(deviceId)).map(rows -> {
          if (rows.size() == 0) {
            return null;
          }
          Row r = rows.iterator().next();
          return new Begun(r.getUUID("id"), r.getString("previous_device"));
        });
  }

  public Future<Void> note(SqlClient db, UUID entryId, String kind) {
    return db.preparedQuery(INSERT_NOTE).execute(Tuple.of(entryId, kind)).mapEmpty();
  }

  /** Records a visibility note from the active device of an open entry; false when there is none such. */
  public Future<Boolean> noteFromDevice(SqlClient db, UUID roundId, UUID accountId, String deviceId, String kind) {
    return db.preparedQuery(NOTE_FROM_DEVICE).execute(Tuple.of(roundId, accountId, deviceId, kind))
        .map(rows -> rows.size() > 0);
  }

  public Future<List<SavedAnswer>> answers(SqlClient db, UUID entryId) {
    return db.preparedQuery(ANSWERS_OF).execute(Tuple.of(entryId)).map(rows -> {
      List<SavedAnswer> out = new ArrayList<>();
      for (Row r : rows) {
        out.add(new SavedAnswer(r.getUUID("question_id"), choices(r.getJsonObject("response")), r.getLong("seq")));
      }
      return out;
    });
  }

  /**
   * Saves an answer (see {@link #SAVE}); null when the person has no entry in the round.
   *
   * @param choices     the options chosen, as stored indexes
   * @param allowanceMs the question's allowance: its time counts at most this
   */
  public Future<SaveOutcome> save(SqlClient db, UUID roundId, UUID accountId, String deviceId, UUID questionId,
                                  Set<Integer> choices, long seq, long allowanceMs, double earned, boolean full) {
    Tuple t = Tuple.tuple().addUUID(roundId).addUUID(accountId).addString(deviceId).addUUID(questionId)
        .addValue(responseJson(choices)).addLong(seq).addLong(allowanceMs).addDouble(earned).addBoolean(full);
    return db.preparedQuery(SAVE).execute(t).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row r = rows.iterator().next();
      JsonObject standing = r.getJsonObject("standing_response");
      return new SaveOutcome(r.getLong("stored") > 0, r.getLong("open") > 0, r.getBoolean("submitted"),
          r.getBoolean("late"), r.getBoolean("this_device"), r.getLong("standing_seq"),
          standing == null ? null : choices(standing));
    });
  }

  /** The answer that stands for the question now, or null. */
  public Future<Standing> standing(SqlClient db, UUID roundId, UUID accountId, UUID questionId) {
    return db.preparedQuery(STANDING).execute(Tuple.of(roundId, accountId, questionId)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row r = rows.iterator().next();
      return new Standing(r.getLong("seq"), choices(r.getJsonObject("response")));
    });
  }

  public Future<Void> submit(SqlClient tx, UUID entryId, Instant at, boolean automatic, RoundScore score) {
    return tx.preparedQuery(SUBMIT).execute(Tuple.tuple().addUUID(entryId).addOffsetDateTime(utc(at))
        .addBoolean(automatic).addDouble(score.points()).addInteger(score.correct()).addInteger(score.wrong())
        .addLong(score.totalTime().toMillis())).mapEmpty();
  }

  /** Locks the round's open entries for the caller's transaction; returns how many there are. */
  public Future<Integer> lockOpen(SqlClient tx, UUID roundId) {
    return tx.preparedQuery(LOCK_OPEN).execute(Tuple.of(roundId)).map(RowSet::size);
  }

  /** Hands these entries in (rows of open entries with their hand-in moment and score), in one statement. */
  public Future<Void> handIn(SqlClient tx, List<Standings.Row> rows) {
    int n = rows.size();
    if (n == 0) {
      return Future.succeededFuture();
    }
    UUID[] ids = new UUID[n];
    OffsetDateTime[] at = new OffsetDateTime[n];
    Double[] points = new Double[n];
    Integer[] correct = new Integer[n];
    Integer[] wrong = new Integer[n];
    Long[] total = new Long[n];
    for (int i = 0; i < n; i++) {
      Standings.Row r = rows.get(i);
      ids[i] = r.tally().entryId();
      at[i] = utc(r.tally().submittedAt());
      points[i] = r.score().points();
      correct[i] = r.score().correct();
      wrong[i] = r.score().wrong();
      total[i] = r.score().totalTime().toMillis();
    }
    return tx.preparedQuery(HAND_IN).execute(Tuple.tuple().addArrayOfUUID(ids).addArrayOfOffsetDateTime(at)
        .addArrayOfDouble(points).addArrayOfInteger(correct).addArrayOfInteger(wrong).addArrayOfLong(total)).mapEmpty();
  }

  public Future<List<UUID>> overdue(SqlClient db) {
    return db.query(OVERDUE).execute().map(RoundStore::ids);
  }

  // ---- standings and results ----

  /** One entry's tally (without notes or unit: for scoring its hand-in). */
  public Future<Standings.Tally> tally(SqlClient db, UUID entryId) {
    return db.preparedQuery(TALLY).execute(Tuple.of(entryId))
        .map(rows -> rows.size() == 0 ? null : tally(rows.iterator().next()));
  }

  /** The round's entries' change counters, and the database's clock (epoch ms). */
  public record Versions(Map<UUID, Long> versions, long nowMs) {
  }

  public Future<Versions> versions(SqlClient db, UUID roundId) {
    return db.preparedQuery(VERSIONS).execute(Tuple.of(roundId)).map(rows -> {
      Map<UUID, Long> out = new HashMap<>(rows.size() * 2);
      long now = System.currentTimeMillis();
      for (Row r : rows) {
        out.put(r.getUUID("id"), r.getLong("tally_version"));
        now = r.getLong("now_ms");
      }
      return new Versions(out, now);
    });
  }

  /** These entries of the round as the live standings show them. */
  public Future<List<Standings.Tally>> liveTallies(SqlClient db, UUID roundId, java.util.Collection<UUID> entryIds) {
    return db.preparedQuery(LIVE_TALLIES).execute(Tuple.tuple().addUUID(roundId)
        .addArrayOfUUID(entryIds.toArray(UUID[]::new))).map(rows -> {
      List<Standings.Tally> out = new ArrayList<>(rows.size());
      rows.forEach(r -> out.add(tally(r)));
      return out;
    });
  }

  private static Standings.Tally tally(Row r) {
    List<Standings.Answer> answers = new ArrayList<>();
    Integer[] positions = r.getArrayOfIntegers("positions");
    if (positions != null) {
      Double[] earned = r.getArrayOfDoubles("earned");
      Boolean[] answered = r.getArrayOfBooleans("answered");
      Long[] ms = r.getArrayOfLongs("answer_ms");
      Long[] saved = r.getArrayOfLongs("saved_ms");
      for (int i = 0; i < positions.length; i++) {
        answers.add(new Standings.Answer(positions[i], earned[i], Boolean.TRUE.equals(answered[i]), ms[i],
            saved == null ? 0 : saved[i]));
      }
    }
    return new Standings.Tally(r.getUUID("id"), r.getUUID("account_id"), r.getUUID("org_unit_id"),
        instant(r.getOffsetDateTime("started_at")), instant(r.getOffsetDateTime("deadline")),
        instant(r.getOffsetDateTime("submitted_at")),
        r.getBoolean("auto_submitted"), r.getInteger("takeovers"), r.getLong("hidden").intValue(),
        r.getLong("tally_version"), answers);
  }

  /** A line of the final standings, as written at the close. */
  public record FinalRow(Standings.Row row, boolean advances) {
  }

  /** The final standings of a closed round, in order. */
  public Future<List<FinalRow>> finalStandings(SqlClient db, UUID roundId) {
    return db.preparedQuery(FINAL).execute(Tuple.of(roundId)).map(rows -> {
      List<FinalRow> out = new ArrayList<>(rows.size());
      for (Row r : rows) {
        Standings.Tally t = new Standings.Tally(r.getUUID("entry_id"), r.getUUID("account_id"), r.getUUID("org_unit_id"),
            instant(r.getOffsetDateTime("started_at")), instant(r.getOffsetDateTime("deadline")),
            instant(r.getOffsetDateTime("submitted_at")),
            r.getBoolean("auto_submitted"), r.getInteger("takeovers"), r.getLong("hidden").intValue(),
            r.getLong("tally_version"), List.of());
        Integer wrong = r.getInteger("wrong");
        RoundScore score = new RoundScore(r.getDouble("points"), r.getInteger("correct"), wrong == null ? 0 : wrong,
            java.time.Duration.ofMillis(r.getLong("total_ms")));
        out.add(new FinalRow(new Standings.Row(r.getInteger("rank"), r.getBoolean("tied"), t, score),
            r.getBoolean("advances")));
      }
      return out;
    });
  }

  /** Each contestant's team key, for contestants in a team. */
  public Future<Map<String, String>> teams(SqlClient db, UUID competitionId) {
    return db.preparedQuery(TEAMS).execute(Tuple.of(competitionId)).map(rows -> {
      Map<String, String> out = new HashMap<>();
      rows.forEach(r -> out.put(r.getUUID("account_id").toString(), r.getString("team_key")));
      return out;
    });
  }

  public Future<Void> insertResults(SqlClient tx, UUID roundId, List<Standings.Row> rows, Set<UUID> advancing) {
    int n = rows.size();
    if (n == 0) {
      return Future.succeededFuture();
    }
    UUID[] accounts = new UUID[n];
    Integer[] ranks = new Integer[n];
    Boolean[] tied = new Boolean[n];
    Double[] points = new Double[n];
    Integer[] correct = new Integer[n];
    Long[] total = new Long[n];
    Boolean[] advances = new Boolean[n];
    for (int i = 0; i < n; i++) {
      Standings.Row r = rows.get(i);
      accounts[i] = r.tally().accountId();
      ranks[i] = r.rank();
      tied[i] = r.tied();
      points[i] = r.score().points();
      correct[i] = r.score().correct();
      total[i] = r.score().totalTime().toMillis();
      advances[i] = advancing.contains(accounts[i]);
    }
    return tx.preparedQuery(INSERT_RESULTS).execute(Tuple.tuple().addUUID(roundId).addArrayOfUUID(accounts)
        .addArrayOfInteger(ranks).addArrayOfBoolean(tied).addArrayOfDouble(points).addArrayOfInteger(correct)
        .addArrayOfLong(total).addArrayOfBoolean(advances)).mapEmpty();
  }

  /** The person's result in the round, or null. */
  public Future<Result> result(SqlClient db, UUID roundId, UUID accountId) {
    return db.preparedQuery(RESULT_OF).execute(Tuple.of(roundId, accountId)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row r = rows.iterator().next();
      return new Result(r.getInteger("rank"), r.getBoolean("tied"), r.getDouble("points"), r.getInteger("correct"),
          r.getLong("total_ms"), r.getBoolean("advances"));
    });
  }

  /** Who advanced from the round. */
  public Future<Set<UUID>> advancing(SqlClient db, UUID roundId) {
    return db.preparedQuery(ADVANCES).execute(Tuple.of(roundId)).map(rows -> {
      Set<UUID> out = new java.util.HashSet<>();
      rows.forEach(r -> out.add(r.getUUID("account_id")));
      return out;
    });
  }

  // ---- JSON and rows ----

  static JsonObject responseJson(Set<Integer> choices) {
    return new JsonObject().put("choices", new JsonArray(new ArrayList<>(new TreeSet<>(choices))));
  }

  static Set<Integer> choices(JsonObject response) {
    Set<Integer> out = new TreeSet<>();
    if (response != null && response.getValue("choices") instanceof JsonArray a) {
      a.forEach(x -> {
        if (x instanceof Number n) {
          out.add(n.intValue());
        }
      });
    }
    return out;
  }

  static JsonObject advancementJson(Advancement a) {
    return a == null ? null : new JsonObject().put("kind", a.kind().name()).put("value", a.value());
  }

  static JsonObject sourceJson(QuestionSource s) {
    if (s == null) {
      return null;
    }
    if (s.isDrawn()) {
      return new JsonObject().put("blueprint", s.blueprint()).put("count", s.count());
    }
    JsonArray ids = new JsonArray();
    s.questionIds().forEach(id -> ids.add(id.toString()));
    return new JsonObject().put("questionIds", ids);
  }

  private static Round round(Row r) {
    JsonObject adv = r.getJsonObject("advancement");
    JsonObject src = r.getJsonObject("question_source");
    QuestionSource source = null;
    if (src != null) {
      if (src.getString("blueprint") != null) {
        source = QuestionSource.drawn(src.getString("blueprint"), src.getInteger("count", 0));
      } else {
        List<UUID> ids = new ArrayList<>();
        src.getJsonArray("questionIds", new JsonArray()).forEach(x -> ids.add(UUID.fromString(String.valueOf(x))));
        source = QuestionSource.picked(ids);
      }
    }
    return new Round(r.getUUID("id"), r.getUUID("competition_id"), r.getInteger("position"), r.getString("title"),
        RoundKind.valueOf(r.getString("kind")),
        adv == null ? null : new Advancement(Advancement.Kind.valueOf(adv.getString("kind")), adv.getInteger("value")),
        r.getString("scoring") == null ? null : RoundScoring.valueOf(r.getString("scoring")),
        r.getString("tie_break") == null ? null : TieBreak.valueOf(r.getString("tie_break")),
        r.getString("timing") == null ? null : RoundTiming.valueOf(r.getString("timing")),
        instant(r.getOffsetDateTime("opens_at")), instant(r.getOffsetDateTime("closes_at")), r.getInteger("minutes"),
        r.getInteger("question_seconds"), source, RoundState.valueOf(r.getString("state")),
        instant(r.getOffsetDateTime("opened_at")), instant(r.getOffsetDateTime("closed_at")));
  }

  private static Entry firstEntry(RowSet<Row> rows) {
    if (rows.size() == 0) {
      return null;
    }
    Row r = rows.iterator().next();
    return new Entry(r.getUUID("id"), r.getUUID("round_id"), r.getUUID("account_id"),
        instant(r.getOffsetDateTime("started_at")), instant(r.getOffsetDateTime("deadline")),
        instant(r.getOffsetDateTime("submitted_at")), r.getBoolean("auto_submitted"), r.getString("device_id"),
        r.getInteger("takeovers"), r.getDouble("points"), r.getInteger("correct"), r.getInteger("wrong"),
        r.getLong("total_ms"));
  }

  private static List<UUID> ids(RowSet<Row> rows) {
    List<UUID> out = new ArrayList<>();
    rows.forEach(r -> out.add(r.getUUID(0)));
    return out;
  }

  static OffsetDateTime utc(Instant t) {
    return t == null ? null : t.atOffset(ZoneOffset.UTC);
  }

  static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }
}
