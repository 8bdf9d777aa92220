package org.qinglan.competition;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.qinglan.platform.Page;

/**
 * SQL of a competition's set-up, entrants, awards and the read-only view of its rounds and their
 * results (the rounds' own tables are written by the knowledge round's code when rounds are
 * declared, opened and closed).
 */
public final class CompetitionStore {
  private static final String COLUMNS = """
      c.id, c.title, c.year, c.org_unit_id, c.stage, c.audience, c.registration_opens, c.registration_closes,
      c.entry_mode, c.team_basis, c.team_scoring, c.award_bands, c.created_by, c.created_at, c.updated_at, c.version""";
  /** Inserts a competition; a second insert of the same id (the demo's) does nothing and returns no row. */
  private static final String INSERT = """
      INSERT INTO competition (id, title, year, org_unit_id, audience, registration_opens, registration_closes,
        entry_mode, team_basis, team_scoring, award_bands, created_by)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
      ON CONFLICT (id) DO NOTHING
      RETURNING id
      """;
  private static final String UPDATE_SETUP = """
      UPDATE competition SET title = $2, year = $3, org_unit_id = $4, audience = $5, registration_opens = $6,
        registration_closes = $7, entry_mode = $8, team_basis = $9, team_scoring = $10, award_bands = $11,
        version = version + 1, updated_at = now()
      WHERE id = $1
      """;
  private static final String UPDATE_WINDOW = """
      UPDATE competition SET registration_opens = $2, registration_closes = $3, version = version + 1, updated_at = now()
      WHERE id = $1
      """;
  private static final String UPDATE_STAGE = """
      UPDATE competition SET stage = $2, version = version + 1, updated_at = now() WHERE id = $1
      """;
  private static final String TOUCH = "UPDATE competition SET version = version + 1, updated_at = now() WHERE id = $1";
  private static final String BY_ID = "SELECT " + COLUMNS + " FROM competition c WHERE c.id = $1";
  private static final String LOCK = BY_ID + " FOR UPDATE";
  /** Registrations hold this: a stage change (FOR UPDATE) waits for them, and they for it. */
  private static final String LOCK_SHARED = BY_ID + " FOR SHARE";
  private static final String EXISTS = "SELECT 1 FROM competition WHERE id = $1";
  /** Competitions run by these units, newest year first; drafts only when $2. */
  private static final String RUN_BY = "SELECT " + COLUMNS + """

      FROM competition c
      WHERE c.org_unit_id = ANY($1::uuid[]) AND ($2 OR c.stage <> 'DRAFT')
      ORDER BY c.year DESC, c.created_at DESC, c.id
      LIMIT 500
      """;

  private static final String QUOTAS = """
      SELECT q.org_unit_id, q.places,
             (SELECT count(*) FROM competition_registration r
              WHERE r.competition_id = q.competition_id AND r.quota_unit_id = q.org_unit_id AND r.withdrawn_at IS NULL) AS taken
      FROM competition_quota q WHERE q.competition_id = $1
      """;
  private static final String DELETE_QUOTAS = "DELETE FROM competition_quota WHERE competition_id = $1";
  private static final String INSERT_QUOTA = """
      INSERT INTO competition_quota (competition_id, org_unit_id, places) VALUES ($1, $2, $3)
      """;
  /** The quota's row, locked: nominations for one unit's places wait for each other here. */
  private static final String LOCK_QUOTA = """
      SELECT places FROM competition_quota WHERE competition_id = $1 AND org_unit_id = $2 FOR UPDATE
      """;
  private static final String TAKEN = """
      SELECT count(*) FROM competition_registration
      WHERE competition_id = $1 AND quota_unit_id = $2 AND withdrawn_at IS NULL
      """;

  private static final String TEAMS = """
      SELECT t.team_key, t.name,
             (SELECT count(*) FROM competition_registration r
              WHERE r.competition_id = t.competition_id AND r.team_key = t.team_key AND r.withdrawn_at IS NULL) AS members
      FROM competition_team t WHERE t.competition_id = $1 ORDER BY t.team_key
      """;
  private static final String DELETE_TEAMS = "DELETE FROM competition_team WHERE competition_id = $1";
  private static final String INSERT_TEAM = "INSERT INTO competition_team (competition_id, team_key, name) VALUES ($1, $2, $3)";
  private static final String CLEAR_TEAM_KEYS = "UPDATE competition_registration SET team_key = NULL WHERE competition_id = $1";
  private static final String SET_TEAM_KEY = """
      UPDATE competition_registration SET team_key = $3 WHERE competition_id = $1 AND account_id = ANY($2::uuid[])
      """;
  /** Derived teams: each team key with its members' count. */
  private static final String TEAM_KEYS = """
      SELECT team_key, count(*) AS members FROM competition_registration
      WHERE competition_id = $1 AND withdrawn_at IS NULL AND team_key IS NOT NULL
      GROUP BY team_key
      """;
  private static final String ACTIVE_UNITS = """
      SELECT account_id, org_unit_id FROM competition_registration WHERE competition_id = $1 AND withdrawn_at IS NULL
      """;
  private static final String SET_ONE_TEAM_KEY = """
      UPDATE competition_registration SET team_key = $3 WHERE competition_id = $1 AND account_id = $2
      """;
  private static final String TEAM_OF = """
      SELECT account_id, team_key FROM competition_registration
      WHERE competition_id = $1 AND withdrawn_at IS NULL AND team_key IS NOT NULL
      """;

  private static final String REGISTRATION_COLUMNS = """
      r.competition_id, r.account_id, r.org_unit_id, r.via, r.nominated_by, r.quota_unit_id, r.team_key,
      r.registered_at, r.withdrawn_at""";
  private static final String REGISTRATION = "SELECT " + REGISTRATION_COLUMNS + """

      FROM competition_registration r WHERE r.competition_id = $1 AND r.account_id = $2
      """;
  private static final String LOCK_REGISTRATION = REGISTRATION + " FOR UPDATE";
  /**
   * Registers, or registers again after a withdrawal (the row is the entrant's: one per person and
   * competition). No row comes back when the person is registered already.
   */
  private static final String REGISTER = """
      INSERT INTO competition_registration (competition_id, account_id, org_unit_id, via, nominated_by, quota_unit_id,
        team_key)
      VALUES ($1, $2, $3, $4, $5, $6, $7)
      ON CONFLICT (competition_id, account_id) DO UPDATE SET org_unit_id = EXCLUDED.org_unit_id, via = EXCLUDED.via,
        nominated_by = EXCLUDED.nominated_by, quota_unit_id = EXCLUDED.quota_unit_id, team_key = EXCLUDED.team_key,
        registered_at = now(), withdrawn_at = NULL
      WHERE competition_registration.withdrawn_at IS NOT NULL
      RETURNING registered_at
      """;
  private static final String WITHDRAW = """
      UPDATE competition_registration SET withdrawn_at = now()
      WHERE competition_id = $1 AND account_id = $2 AND withdrawn_at IS NULL
      """;
  /** Active registrations, oldest first; of one quota unit's places when $2 is not null. */
  private static final String REGISTRATIONS = "SELECT " + REGISTRATION_COLUMNS + """
      , count(*) OVER () AS total
      FROM competition_registration r
      WHERE r.competition_id = $1 AND r.withdrawn_at IS NULL AND ($2::uuid IS NULL OR r.quota_unit_id = $2)
      ORDER BY r.registered_at, r.account_id
      LIMIT $3 OFFSET $4
      """;
  private static final String COUNTS = """
      SELECT count(*) FILTER (WHERE withdrawn_at IS NULL) AS registered,
             count(*) FILTER (WHERE withdrawn_at IS NULL AND via = 'SELF') AS self,
             count(*) FILTER (WHERE withdrawn_at IS NULL AND via = 'NOMINATION') AS nominated,
             count(*) FILTER (WHERE withdrawn_at IS NOT NULL) AS withdrawn
      FROM competition_registration WHERE competition_id = $1
      """;
  /** The person's registrations (withdrawn ones too) among these competitions. */
  private static final String MINE = "SELECT " + REGISTRATION_COLUMNS + """

      FROM competition_registration r WHERE r.account_id = $1 AND r.competition_id = ANY($2::uuid[])
      """;

  private static final String ROUNDS = """
      SELECT r.id, r.position, r.title, r.kind, r.state, r.scoring, r.tie_break, r.timing, r.opens_at, r.closes_at,
             r.minutes, r.question_seconds, r.advancement, r.opened_at, r.closed_at,
             (SELECT count(*) FROM competition_round_question q WHERE q.round_id = r.id) AS questions
      FROM competition_round r WHERE r.competition_id = $1 ORDER BY r.position
      """;
  /** A round's stored results with what the tie-breaks read of the entry (wrong answers, hand-in). */
  private static final String RESULTS = """
      SELECT r.account_id, r.rank, r.tied, r.points, r.correct, r.total_ms, r.advances, e.wrong, e.submitted_at
      FROM competition_result r
      LEFT JOIN competition_entry e ON e.round_id = r.round_id AND e.account_id = r.account_id
      WHERE r.round_id = $1
      ORDER BY r.rank, r.account_id
      """;

  private static final String RESULT_OF = """
      SELECT r.account_id, r.rank, r.tied, r.points, r.correct, r.total_ms, r.advances, e.wrong, e.submitted_at
      FROM competition_result r
      LEFT JOIN competition_entry e ON e.round_id = r.round_id AND e.account_id = r.account_id
      WHERE r.round_id = $1 AND r.account_id = $2
      """;

  private static final String AWARD_COLUMNS = """
      a.id, a.competition_id, a.account_id, a.award, a.rank, a.code, a.holder_name, a.title, a.issuing_unit, a.issued_at,
      a.withdrawn_at, a.points""";
  private static final String CURRENT_AWARDS = "SELECT " + AWARD_COLUMNS + """

      FROM competition_award a WHERE a.competition_id = $1 AND a.withdrawn_at IS NULL
      """;
  private static final String AWARD_OF = "SELECT " + AWARD_COLUMNS + """

      FROM competition_award a WHERE a.competition_id = $1 AND a.account_id = $2 AND a.withdrawn_at IS NULL
      """;
  private static final String AWARD_BY_CODE = "SELECT " + AWARD_COLUMNS + " FROM competition_award a WHERE a.code = $1";
  private static final String INSERT_AWARD = """
      INSERT INTO competition_award (competition_id, account_id, award, rank, code, holder_name, title, issuing_unit,
        points)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
      """;
  private static final String WITHDRAW_AWARD = "UPDATE competition_award SET withdrawn_at = now() WHERE id = $1";

  /** A competition as stored. */
  public record Competition(UUID id, String title, int year, UUID orgUnitId, CompetitionStage stage,
                            CompetitionAudience audience, Instant registrationOpens, Instant registrationCloses,
                            EntryMode entryMode, TeamBasis teamBasis, TeamScoring teamScoring, AwardBands awardBands,
                            UUID createdBy, Instant createdAt, Instant updatedAt, int version) {
    /** The set-up part, as an edit form starts from it. */
    public CompetitionSetup setup(List<CompetitionSetup.Quota> quotas) {
      return new CompetitionSetup(title, year, orgUnitId, audience, registrationOpens, registrationCloses, entryMode,
          teamBasis, teamScoring, awardBands, quotas);
    }

    /** Whether its results are out (published, or archived after publication). */
    public boolean published() {
      return stage == CompetitionStage.RESULTS_PUBLISHED || stage == CompetitionStage.ARCHIVED;
    }
  }

  /** A lower unit's nomination places and how many are taken. */
  public record Quota(UUID orgUnitId, int places, int taken) {
  }

  /** A team: its key (custom "t001"…, or the district's / street's unit id) and its members' count. */
  public record Team(String key, String name, int members) {
  }

  /** A person's entry in a competition. {@code withdrawnAt} is set once they withdrew (or were withdrawn). */
  public record Registration(UUID competitionId, UUID accountId, UUID orgUnitId, EntryMode via, UUID nominatedBy,
                             UUID quotaUnitId, String teamKey, Instant registeredAt, Instant withdrawnAt) {
    public boolean active() {
      return withdrawnAt == null;
    }
  }

  /** How many have entered, by how, and how many withdrew. */
  public record Counts(int registered, int self, int nominated, int withdrawn) {
  }

  /** A round as declared (by the knowledge round's code), with the number of its frozen questions. */
  public record Round(UUID id, int position, String title, String kind, String state, RoundScoring scoring,
                      TieBreak tieBreak, String timing, Instant opensAt, Instant closesAt, Integer minutes,
                      Integer questionSeconds, JsonObject advancement, Instant openedAt, Instant closedAt,
                      int questions) {
    public boolean open() {
      return "OPEN".equals(state);
    }

    public boolean closed() {
      return "CLOSED".equals(state);
    }
  }

  /** An award as issued; {@code withdrawnAt} is set when a later publication changed it. */
  public record AwardRow(UUID id, UUID competitionId, UUID accountId, Award award, int rank, String code,
                         String holderName, String title, String issuingUnit, Instant issuedAt, Instant withdrawnAt,
                         Double points) {
  }

  /** A new award to issue. */
  public record NewAward(UUID accountId, Award award, int rank, String code, String holderName, String title,
                         String issuingUnit, double points) {
  }

  // ---- competitions ----

  /** Inserts a competition; false when one with the id exists already (nothing changes then). */
  public Future<Boolean> insert(SqlClient db, UUID id, CompetitionSetup s, UUID createdBy) {
    return db.preparedQuery(INSERT).execute(Tuple.tuple().addUUID(id).addString(s.title()).addInteger(s.year())
            .addUUID(s.orgUnitId()).addValue(CompetitionJson.json(s.audience())).addValue(time(s.registrationOpens()))
            .addValue(time(s.registrationCloses())).addString(s.entryMode().name()).addString(s.teamBasis().name())
            .addValue(CompetitionJson.json(s.teamScoring())).addValue(CompetitionJson.json(s.awardBands()))
            .addUUID(createdBy))
        .map(rows -> rows.size() > 0);
  }

  public Future<Void> updateSetup(SqlClient db, UUID id, CompetitionSetup s) {
    return db.preparedQuery(UPDATE_SETUP).execute(Tuple.tuple().addUUID(id).addString(s.title()).addInteger(s.year())
        .addUUID(s.orgUnitId()).addValue(CompetitionJson.json(s.audience())).addValue(time(s.registrationOpens()))
        .addValue(time(s.registrationCloses())).addString(s.entryMode().name()).addString(s.teamBasis().name())
        .addValue(CompetitionJson.json(s.teamScoring())).addValue(CompetitionJson.json(s.awardBands()))).mapEmpty();
  }

  public Future<Void> updateWindow(SqlClient db, UUID id, Instant opens, Instant closes) {
    return db.preparedQuery(UPDATE_WINDOW).execute(Tuple.of(id, time(opens), time(closes))).mapEmpty();
  }

  public Future<Void> updateStage(SqlClient db, UUID id, CompetitionStage stage) {
    return db.preparedQuery(UPDATE_STAGE).execute(Tuple.of(id, stage.name())).mapEmpty();
  }

  /** A change to a competition's quotas or teams: a new version. */
  public Future<Void> touch(SqlClient db, UUID id) {
    return db.preparedQuery(TOUCH).execute(Tuple.of(id)).mapEmpty();
  }

  public Future<Competition> byId(SqlClient db, UUID id) {
    return db.preparedQuery(BY_ID).execute(Tuple.of(id)).map(rows -> first(rows, CompetitionStore::competition));
  }

  /** The competition, its row locked until the transaction ends (changes to one competition queue here). */
  public Future<Competition> lock(SqlClient db, UUID id) {
    return db.preparedQuery(LOCK).execute(Tuple.of(id)).map(rows -> first(rows, CompetitionStore::competition));
  }

  /** The competition, its row share-locked until the transaction ends (a stage change waits). */
  public Future<Competition> lockShared(SqlClient db, UUID id) {
    return db.preparedQuery(LOCK_SHARED).execute(Tuple.of(id)).map(rows -> first(rows, CompetitionStore::competition));
  }

  public Future<Boolean> exists(SqlClient db, UUID id) {
    return db.preparedQuery(EXISTS).execute(Tuple.of(id)).map(rows -> rows.size() > 0);
  }

  /** Competitions run by these units (at most 500), newest first; drafts only when {@code withDrafts}. */
  public Future<List<Competition>> runBy(SqlClient db, Collection<UUID> units, boolean withDrafts) {
    return db.preparedQuery(RUN_BY).execute(Tuple.tuple().addArrayOfUUID(units.toArray(UUID[]::new))
        .addBoolean(withDrafts)).map(rows -> all(rows, CompetitionStore::competition));
  }

  // ---- quotas and teams ----

  public Future<List<Quota>> quotas(SqlClient db, UUID competitionId) {
    return db.preparedQuery(QUOTAS).execute(Tuple.of(competitionId)).map(rows -> all(rows,
        r -> new Quota(r.getUUID("org_unit_id"), r.getInteger("places"), r.getLong("taken").intValue())));
  }

  public Future<Void> replaceQuotas(SqlClient db, UUID competitionId, List<CompetitionSetup.Quota> quotas) {
    Future<Void> f = db.preparedQuery(DELETE_QUOTAS).execute(Tuple.of(competitionId)).mapEmpty();
    if (quotas.isEmpty()) {
      return f;
    }
    List<Tuple> batch = quotas.stream().map(q -> Tuple.of(competitionId, q.orgUnitId(), q.places())).toList();
    return f.compose(v -> db.preparedQuery(INSERT_QUOTA).executeBatch(batch)).mapEmpty();
  }

  /** The places of a unit's quota, its row locked until the transaction ends; null when the unit has none. */
  public Future<Integer> lockQuota(SqlClient db, UUID competitionId, UUID unitId) {
    return db.preparedQuery(LOCK_QUOTA).execute(Tuple.of(competitionId, unitId))
        .map(rows -> first(rows, r -> r.getInteger("places")));
  }

  /** The places of a unit's quota taken by active nominations. */
  public Future<Integer> taken(SqlClient db, UUID competitionId, UUID unitId) {
    return db.preparedQuery(TAKEN).execute(Tuple.of(competitionId, unitId))
        .map(rows -> rows.iterator().next().getLong(0).intValue());
  }

  /** Custom teams with their members' counts. */
  public Future<List<Team>> customTeams(SqlClient db, UUID competitionId) {
    return db.preparedQuery(TEAMS).execute(Tuple.of(competitionId)).map(rows -> all(rows,
        r -> new Team(r.getString("team_key"), r.getString("name"), r.getLong("members").intValue())));
  }

  /** Team keys in use by active registrations, with their members' counts. */
  public Future<Map<String, Integer>> teamKeys(SqlClient db, UUID competitionId) {
    return db.preparedQuery(TEAM_KEYS).execute(Tuple.of(competitionId)).map(rows -> {
      Map<String, Integer> out = new HashMap<>();
      rows.forEach(r -> out.put(r.getString("team_key"), r.getLong("members").intValue()));
      return out;
    });
  }

  /** Each active registrant's unit (as it was when they entered). */
  public Future<Map<UUID, UUID>> activeUnits(SqlClient db, UUID competitionId) {
    return db.preparedQuery(ACTIVE_UNITS).execute(Tuple.of(competitionId)).map(rows -> {
      Map<UUID, UUID> out = new HashMap<>();
      rows.forEach(r -> out.put(r.getUUID("account_id"), r.getUUID("org_unit_id")));
      return out;
    });
  }

  /** Sets each registrant's team key (null: no team). */
  public Future<Void> setTeamKeys(SqlClient db, UUID competitionId, Map<UUID, String> keys) {
    if (keys.isEmpty()) {
      return Future.succeededFuture();
    }
    return db.preparedQuery(SET_ONE_TEAM_KEY).executeBatch(keys.entrySet().stream()
        .map(e -> Tuple.tuple().addUUID(competitionId).addUUID(e.getKey()).addString(e.getValue())).toList()).mapEmpty();
  }

  /** Each active registrant's team key (those of no team left out). */
  public Future<Map<UUID, String>> teamOf(SqlClient db, UUID competitionId) {
    return db.preparedQuery(TEAM_OF).execute(Tuple.of(competitionId)).map(rows -> {
      Map<UUID, String> out = new HashMap<>();
      rows.forEach(r -> out.put(r.getUUID("account_id"), r.getString("team_key")));
      return out;
    });
  }

  /** Replaces the custom teams and who is in each ({@code members} by key). */
  public Future<Void> replaceTeams(SqlClient db, UUID competitionId, Map<String, String> names,
                                   Map<String, List<UUID>> members) {
    Future<Void> f = db.preparedQuery(DELETE_TEAMS).execute(Tuple.of(competitionId))
        .compose(v -> db.preparedQuery(CLEAR_TEAM_KEYS).execute(Tuple.of(competitionId))).mapEmpty();
    for (Map.Entry<String, String> t : names.entrySet()) {
      List<UUID> who = members.getOrDefault(t.getKey(), List.of());
      f = f.compose(v -> db.preparedQuery(INSERT_TEAM).execute(Tuple.of(competitionId, t.getKey(), t.getValue())))
          .compose(v -> who.isEmpty() ? Future.succeededFuture() : db.preparedQuery(SET_TEAM_KEY)
              .execute(Tuple.tuple().addUUID(competitionId).addArrayOfUUID(who.toArray(UUID[]::new))
                  .addString(t.getKey())))
          .mapEmpty();
    }
    return f;
  }

  // ---- registrations ----

  public Future<Registration> registration(SqlClient db, UUID competitionId, UUID accountId) {
    return db.preparedQuery(REGISTRATION).execute(Tuple.of(competitionId, accountId))
        .map(rows -> first(rows, CompetitionStore::registration));
  }

  public Future<Registration> lockRegistration(SqlClient db, UUID competitionId, UUID accountId) {
    return db.preparedQuery(LOCK_REGISTRATION).execute(Tuple.of(competitionId, accountId))
        .map(rows -> first(rows, CompetitionStore::registration));
  }

  /** Registers (again, after a withdrawal); false when the person is registered already. */
  public Future<Boolean> register(SqlClient db, UUID competitionId, UUID accountId, UUID orgUnitId, EntryMode via,
                                  UUID nominatedBy, UUID quotaUnitId, String teamKey) {
    return db.preparedQuery(REGISTER).execute(Tuple.tuple().addUUID(competitionId).addUUID(accountId)
        .addUUID(orgUnitId).addString(via.name()).addUUID(nominatedBy).addUUID(quotaUnitId).addString(teamKey))
        .map(rows -> rows.size() > 0);
  }

  /** Withdraws an active registration; false when there was none. */
  public Future<Boolean> withdraw(SqlClient db, UUID competitionId, UUID accountId) {
    return db.preparedQuery(WITHDRAW).execute(Tuple.of(competitionId, accountId)).map(rows -> rows.rowCount() > 0);
  }

  /** Active registrations, oldest first, of one quota unit's places when {@code quotaUnit} is not null. */
  public Future<Page<Registration>> registrations(SqlClient db, UUID competitionId, UUID quotaUnit, int page, int size) {
    return db.preparedQuery(REGISTRATIONS).execute(Tuple.tuple().addUUID(competitionId).addUUID(quotaUnit)
        .addInteger(size).addInteger((page - 1) * size)).map(rows -> {
          List<Registration> items = all(rows, CompetitionStore::registration);
          long total = rows.size() == 0 ? 0 : rows.iterator().next().getLong("total");
          return new Page<>(items, page, size, total);
        });
  }

  public Future<Counts> counts(SqlClient db, UUID competitionId) {
    return db.preparedQuery(COUNTS).execute(Tuple.of(competitionId)).map(rows -> {
      Row r = rows.iterator().next();
      return new Counts(r.getLong("registered").intValue(), r.getLong("self").intValue(),
          r.getLong("nominated").intValue(), r.getLong("withdrawn").intValue());
    });
  }

  /** The person's registrations among these competitions, by competition. */
  public Future<Map<UUID, Registration>> mine(SqlClient db, UUID accountId, Collection<UUID> competitionIds) {
    if (competitionIds.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return db.preparedQuery(MINE).execute(Tuple.tuple().addUUID(accountId)
        .addArrayOfUUID(competitionIds.toArray(UUID[]::new))).map(rows -> {
          Map<UUID, Registration> out = new HashMap<>();
          rows.forEach(r -> out.put(r.getUUID("competition_id"), registration(r)));
          return out;
        });
  }

  // ---- rounds and results (read only) ----

  public Future<List<Round>> rounds(SqlClient db, UUID competitionId) {
    return db.preparedQuery(ROUNDS).execute(Tuple.of(competitionId)).map(rows -> all(rows, r -> new Round(
        r.getUUID("id"), r.getInteger("position"), r.getString("title"), r.getString("kind"), r.getString("state"),
        r.getString("scoring") == null ? null : RoundScoring.valueOf(r.getString("scoring")),
        r.getString("tie_break") == null ? null : TieBreak.valueOf(r.getString("tie_break")), r.getString("timing"),
        instant(r, "opens_at"), instant(r, "closes_at"), r.getInteger("minutes"), r.getInteger("question_seconds"),
        r.getValue("advancement") instanceof JsonObject o ? o : null, instant(r, "opened_at"),
        instant(r, "closed_at"), r.getLong("questions").intValue())));
  }

  /** A round's results as its close stored them, in rank order. */
  public Future<List<FinalResults.Row>> results(SqlClient db, UUID roundId) {
    return db.preparedQuery(RESULTS).execute(Tuple.of(roundId)).map(rows -> all(rows, CompetitionStore::result));
  }

  private static FinalResults.Row result(Row r) {
    return new FinalResults.Row(r.getUUID("account_id"), r.getInteger("rank"), r.getBoolean("tied"),
        r.getDouble("points"), r.getInteger("correct"), r.getInteger("wrong") == null ? 0 : r.getInteger("wrong"),
        r.getLong("total_ms"), instant(r, "submitted_at"), r.getBoolean("advances"));
  }

  /** One contestant's stored result of a round, or null. */
  public Future<FinalResults.Row> resultOf(SqlClient db, UUID roundId, UUID accountId) {
    return db.preparedQuery(RESULT_OF).execute(Tuple.of(roundId, accountId)).map(rows -> first(rows,
        CompetitionStore::result));
  }

  // ---- awards ----

  public Future<List<AwardRow>> currentAwards(SqlClient db, UUID competitionId) {
    return db.preparedQuery(CURRENT_AWARDS).execute(Tuple.of(competitionId)).map(rows -> all(rows, CompetitionStore::award));
  }

  /** The person's current award in the competition, or null. */
  public Future<AwardRow> awardOf(SqlClient db, UUID competitionId, UUID accountId) {
    return db.preparedQuery(AWARD_OF).execute(Tuple.of(competitionId, accountId))
        .map(rows -> first(rows, CompetitionStore::award));
  }

  /** The award (current or withdrawn) with this certificate code, or null. */
  public Future<AwardRow> awardByCode(SqlClient db, String code) {
    return db.preparedQuery(AWARD_BY_CODE).execute(Tuple.of(code)).map(rows -> first(rows, CompetitionStore::award));
  }

  public Future<Void> insertAwards(SqlClient db, UUID competitionId, List<NewAward> awards) {
    if (awards.isEmpty()) {
      return Future.succeededFuture();
    }
    return db.preparedQuery(INSERT_AWARD).executeBatch(awards.stream().map(a -> Tuple.tuple().addUUID(competitionId)
        .addUUID(a.accountId()).addString(a.award().name()).addInteger(a.rank()).addString(a.code())
        .addString(a.holderName()).addString(a.title()).addString(a.issuingUnit()).addDouble(a.points())).toList())
        .mapEmpty();
  }

  public Future<Void> withdrawAwards(SqlClient db, List<UUID> awardIds) {
    if (awardIds.isEmpty()) {
      return Future.succeededFuture();
    }
    return db.preparedQuery(WITHDRAW_AWARD).executeBatch(awardIds.stream().map(Tuple::of).toList()).mapEmpty();
  }

  // ---- rows ----

  private static Competition competition(Row r) {
    return new Competition(r.getUUID("id"), r.getString("title"), r.getInteger("year"), r.getUUID("org_unit_id"),
        CompetitionStage.valueOf(r.getString("stage")),
        CompetitionJson.storedAudience(r.getValue("audience") instanceof JsonObject o ? o : null),
        instant(r, "registration_opens"), instant(r, "registration_closes"), EntryMode.valueOf(r.getString("entry_mode")),
        TeamBasis.valueOf(r.getString("team_basis")),
        CompetitionJson.storedTeamScoring(r.getValue("team_scoring") instanceof JsonObject o ? o : null),
        CompetitionJson.storedAwardBands(r.getValue("award_bands") instanceof JsonObject o ? o : null),
        r.getUUID("created_by"), instant(r, "created_at"), instant(r, "updated_at"), r.getInteger("version"));
  }

  private static Registration registration(Row r) {
    return new Registration(r.getUUID("competition_id"), r.getUUID("account_id"), r.getUUID("org_unit_id"),
        EntryMode.valueOf(r.getString("via")), r.getUUID("nominated_by"), r.getUUID("quota_unit_id"),
        r.getString("team_key"), instant(r, "registered_at"), instant(r, "withdrawn_at"));
  }

  private static AwardRow award(Row r) {
    return new AwardRow(r.getUUID("id"), r.getUUID("competition_id"), r.getUUID("account_id"),
        Award.valueOf(r.getString("award")), r.getInteger("rank"), r.getString("code"), r.getString("holder_name"),
        r.getString("title"), r.getString("issuing_unit"), instant(r, "issued_at"), instant(r, "withdrawn_at"),
        r.getDouble("points"));
  }

  private static Instant instant(Row r, String column) {
    OffsetDateTime t = r.getOffsetDateTime(column);
    return t == null ? null : t.toInstant();
  }

  private static OffsetDateTime time(Instant t) {
    return t == null ? null : t.atOffset(ZoneOffset.UTC);
  }

  private static <T> T first(RowSet<Row> rows, Function<Row, T> map) {
    return rows.size() == 0 ? null : map.apply(rows.iterator().next());
  }

  private static <T> List<T> all(RowSet<Row> rows, Function<Row, T> map) {
    List<T> out = new ArrayList<>(rows.size());
    rows.forEach(r -> out.add(map.apply(r)));
    return out;
  }
}
