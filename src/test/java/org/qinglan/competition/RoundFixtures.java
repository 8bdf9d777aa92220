package org.qinglan.competition;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.qinglan.testing.Browser;
import org.qinglan.testing.TestApp;

/**
 * What the knowledge round's tests need around it: competitions and registrations made with SQL
 * (their own feature's code is the set-up's), rounds declared through the API, and contestants who
 * sit a round on a device of their own.
 */
final class RoundFixtures {
  final TestApp app;

  RoundFixtures(TestApp app) {
    this.app = app;
  }

  /** A competition of 东湖区 (organiser 周敏 manages it) in the given stage. */
  UUID competition(String title, String stage) throws SQLException {
    return competition(title, stage, "NONE");
  }

  UUID competition(String title, String stage, String teamBasis) throws SQLException {
    UUID id = UUID.randomUUID();
    app.update("""
        INSERT INTO competition (id, title, year, org_unit_id, stage, created_by, team_basis)
        VALUES (?, ?, 2026, (SELECT id FROM org_unit WHERE name = '东湖区'), ?,
                (SELECT id FROM account WHERE username = 'organiser'), ?)
        """, id, title, stage, teamBasis);
    return id;
  }

  void stage(UUID competition, String stage) throws SQLException {
    app.update("UPDATE competition SET stage = ? WHERE id = ?", stage, competition);
  }

  /** Registers a demo account (self-registration, from its own unit), in a team when {@code team} is not null. */
  void registerInTeam(UUID competition, String username, String team) throws SQLException {
    app.update("""
        INSERT INTO competition_registration (competition_id, account_id, org_unit_id, via, team_key)
        SELECT ?, id, org_unit_id, 'SELF', ? FROM account WHERE username = ?
        """, competition, team, username);
  }

  void register(UUID competition, String... usernames) throws SQLException {
    for (String u : usernames) {
      registerInTeam(competition, u, null);
    }
  }

  UUID accountId(String username) throws SQLException {
    return (UUID) app.one("SELECT id FROM account WHERE username = ?", username);
  }

  /** Live shipped questions of a type, in a fixed order. */
  List<String> questions(String type, int count) throws SQLException {
    List<String> out = new ArrayList<>();
    for (Object[] row : app.rows("""
        SELECT q.id::text FROM question q JOIN question_category c ON c.id = q.category_id
        WHERE q.type = ? AND q.retired_at IS NULL AND c.org_unit_id IS NULL ORDER BY q.stable_key LIMIT ?
        """, type, count)) {
      out.add((String) row[0]);
    }
    assertEquals(count, out.size());
    return out;
  }

  /** A knowledge round's declaration: a window from a minute ago to an hour on, 30 minutes each, picked questions. */
  static JsonObject knowledge(String title, String scoring, String tieBreak, List<String> questionIds) {
    return new JsonObject().put("title", title).put("kind", "KNOWLEDGE").put("scoring", scoring)
        .put("tieBreak", tieBreak).put("timing", "WINDOW")
        .put("opensAt", Instant.now().minus(Duration.ofMinutes(1)).toString())
        .put("closesAt", Instant.now().plus(Duration.ofHours(1)).toString()).put("minutes", 30)
        .put("questionSeconds", 60).put("questionSource", new JsonObject().put("questionIds", new JsonArray(questionIds)));
  }

  /**
   * Declares a round as the organiser; returns its id. Rounds are declared before a competition
   * runs: one made running for a test is declared as if during registration, then runs again.
   */
  String declare(Browser organiser, UUID competition, JsonObject body) throws SQLException {
    boolean running = "RUNNING".equals(app.one("SELECT stage FROM competition WHERE id = ?", competition));
    if (running) {
      stage(competition, "REGISTRATION");
    }
    try {
      return declareAsIs(organiser, competition, body);
    } finally {
      if (running) {
        stage(competition, "RUNNING");
      }
    }
  }

  static String declareAsIs(Browser organiser, UUID competition, JsonObject body) {
    HttpResponse<String> r = organiser.json("POST", "/api/v1/competitions/" + competition + "/rounds", body.encode());
    assertEquals(201, r.statusCode(), r.body());
    return new JsonObject(r.body()).getString("id");
  }

  static JsonObject open(Browser organiser, String round) {
    HttpResponse<String> r = organiser.json("POST", "/api/v1/rounds/" + round + "/opening", "{}");
    assertEquals(200, r.statusCode(), r.body());
    return new JsonObject(r.body());
  }

  static JsonObject close(Browser organiser, String round) {
    HttpResponse<String> r = organiser.json("POST", "/api/v1/rounds/" + round + "/closing", "{}");
    assertEquals(200, r.statusCode(), r.body());
    return new JsonObject(r.body());
  }

  /** A signed-in contestant on one device. */
  Contestant contestant(String username, String device) throws SQLException {
    return new Contestant(app.signedInAs(username), accountId(username), device);
  }

  /** A contestant's device: its requests carry the device header. */
  final class Contestant {
    final Browser browser;
    final UUID accountId;
    final String device;

    Contestant(Browser browser, UUID accountId, String device) {
      this.browser = browser;
      this.accountId = accountId;
      this.device = device;
    }

    /** The same person on another device. */
    Contestant on(String otherDevice) {
      return new Contestant(browser, accountId, otherDevice);
    }

    HttpResponse<String> begin(String round) {
      return browser.jsonWithHeaders("POST", "/api/v1/rounds/" + round + "/entry", "{}", Map.of("X-Qinglan-Device", device));
    }

    JsonObject sitting(String round) {
      HttpResponse<String> r = begin(round);
      assertEquals(200, r.statusCode(), r.body());
      return new JsonObject(r.body());
    }

    /** Saves options given as the shown positions. */
    HttpResponse<String> save(String round, String question, long seq, List<Integer> shown) {
      return browser.jsonWithHeaders("PUT", "/api/v1/rounds/" + round + "/entry/answers/" + question,
          new JsonObject().put("seq", seq).put("response", new JsonObject().put("choices", new JsonArray(shown))).encode(),
          Map.of("X-Qinglan-Device", device));
    }

    /** Saves options given as stored indexes (the bank's order), turned into what this contestant was shown. */
    HttpResponse<String> answer(String round, String question, long seq, Set<Integer> stored) throws SQLException {
      int options = optionCount(question);
      OptionShuffle shuffle = OptionShuffle.of(round, accountId.toString(), question, options);
      return save(round, question, seq, new ArrayList<>(shuffle.toShown(stored)));
    }

    HttpResponse<String> submit(String round) {
      return browser.jsonWithHeaders("POST", "/api/v1/rounds/" + round + "/entry/submission", "{}",
          Map.of("X-Qinglan-Device", device));
    }

    HttpResponse<String> note(String round, String kind) {
      return browser.jsonWithHeaders("POST", "/api/v1/rounds/" + round + "/entry/notes",
          new JsonObject().put("kind", kind).encode(), Map.of("X-Qinglan-Device", device));
    }
  }

  int optionCount(String question) throws SQLException {
    String type = (String) app.one("SELECT type FROM question WHERE id = ?::uuid", question);
    if (type.equals("TRUE_FALSE")) {
      return 2;
    }
    return ((Number) app.one("SELECT jsonb_array_length(body -> 'answers') FROM question WHERE id = ?::uuid", question))
        .intValue();
  }

  /** The key of a question, as stored option indexes. */
  Set<Integer> key(String question) throws SQLException {
    return new TreeSet<>(app.answerKey(question));
  }

  /** A wrong single option of a question. */
  Set<Integer> wrong(String question) throws SQLException {
    Set<Integer> key = key(question);
    for (int i = 0; ; i++) {
      if (!key.contains(i)) {
        return Set.of(i);
      }
    }
  }

  /** Pins the stored time of a contestant's answers (the server measures it; tests fix it to know the ranking). */
  void answerTimes(String round, String username, long ms) throws SQLException {
    app.update("""
        UPDATE competition_answer a SET answer_ms = ? FROM competition_entry e
        WHERE e.id = a.entry_id AND e.round_id = ?::uuid AND e.account_id = (SELECT id FROM account WHERE username = ?)
        """, ms, round, username);
  }

  void answerTime(String round, String username, String question, long ms) throws SQLException {
    app.update("""
        UPDATE competition_answer a SET answer_ms = ? FROM competition_entry e
        WHERE e.id = a.entry_id AND e.round_id = ?::uuid AND a.question_id = ?::uuid
          AND e.account_id = (SELECT id FROM account WHERE username = ?)
        """, ms, round, question, username);
  }

  long count(String sql, Object... params) throws SQLException {
    return ((Number) app.one(sql, params)).longValue();
  }
}
