package org.qinglan.competition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qinglan.competition.RoundFixtures.Contestant;
import org.qinglan.testing.Browser;
import org.qinglan.testing.TestApp;

/** The round's event stream: its state for everyone, the standings for staff, on one node and across two. */
class RoundEventsHttpTest {
  static TestApp app;
  static RoundFixtures fx;
  static Browser organiser;

  @BeforeAll
  static void start() {
    app = TestApp.withDemoData();
    fx = new RoundFixtures(app);
    organiser = app.signedInAs("organiser");
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
  }

  private static String events(String round) {
    return "/api/v1/rounds/" + round + "/events";
  }

  /** A standings event in which the contestant has these points. */
  private static boolean shows(EventStream.Event e, String name, double points) {
    JsonObject standings = e.name().equals("closed") ? e.data().getJsonObject("standings") : e.data();
    if (standings == null || standings.getJsonArray("items") == null) {
      return false;
    }
    JsonArray items = standings.getJsonArray("items");
    return items.stream().map(JsonObject.class::cast)
        .anyMatch(r -> r.getString("name").equals(name) && r.getDouble("points") == points);
  }

  @Test
  void everyScreenGetsTheRoundsStateAndStaffAlsoTheStandingsThenTheFinalOnes() throws Exception {
    UUID c = fx.competition("直播", "RUNNING");
    fx.register(c, "w001", "w002");
    List<String> qs = fx.questions("SINGLE_CHOICE", 2);
    String round = fx.declare(organiser, c, RoundFixtures.knowledge("知识赛", "CORRECT_THEN_TIME", "NONE", qs));
    try (EventStream staff = EventStream.open(organiser, app.baseUrl(), events(round))) {
      assertEquals(200, staff.status);
      EventStream.Event first = staff.next(e -> true, "the first event");
      assertEquals("state", first.name(), "a snapshot first");
      assertEquals("PLANNED", first.data().getString("state"));
      assertEquals("1", first.id(), "events are numbered");

      RoundFixtures.open(organiser, round);
      assertEquals("OPEN", staff.next("state").data().getString("state"));

      Contestant w001 = fx.contestant("w001", "phone-mmmmmmmm");
      w001.sitting(round);
      try (EventStream mine = EventStream.open(w001.browser, app.baseUrl(), events(round) + "?device=" + w001.device)) {
        EventStream.Event snapshot = mine.next(e -> true, "the contestant's first event");
        assertEquals("state", snapshot.name());
        assertEquals("OPEN", snapshot.data().getString("state"));
        assertNotNull(snapshot.data().getJsonObject("entry").getString("deadline"));

        assertEquals(200, w001.answer(round, qs.get(0), 1, fx.key(qs.get(0))).statusCode());
        String name = (String) app.one("SELECT display_name FROM account WHERE username = 'w001'");
        EventStream.Event standings = staff.next(e -> e.name().equals("standings") && shows(e, name, 1.0),
            "standings with the answer");
        assertEquals(1, standings.data().getJsonObject("counts").getInteger("entered"));
        assertTrue(standings.data().getJsonObject("counts").getLong("answersLastMinute") >= 1);

        RoundFixtures.close(organiser, round);
        EventStream.Event closed = staff.next("closed");
        assertTrue(closed.data().getJsonObject("standings").getBoolean("final"));
        assertTrue(shows(closed, name, 1.0));
        EventStream.Event over = mine.next("closed");
        assertFalse(over.data().containsKey("standings"), "no standings for contestants before publication");
        assertFalse(mine.names().contains("standings"), mine.names().toString());
      }
    }
    // Neither another district's organiser nor a worker who did not register gets a stream.
    try (EventStream other = EventStream.open(app.signedInAs("organiser2"), app.baseUrl(), events(round))) {
      assertEquals(403, other.status);
    }
    try (EventStream stranger = EventStream.open(app.signedInAs("w003"), app.baseUrl(), events(round))) {
      assertEquals(403, stranger.status);
    }
  }

  @Test
  void aTakeoverTellsTheFirstDevicesStreamAtOnce() throws Exception {
    UUID c = fx.competition("换设备通知", "RUNNING");
    fx.register(c, "w009");
    String q = fx.questions("SINGLE_CHOICE", 3).get(2);
    String round = fx.declare(organiser, c, RoundFixtures.knowledge("知识赛", "CORRECT_THEN_TIME", "NONE",
        List.of(q)));
    RoundFixtures.open(organiser, round);
    Contestant phone = fx.contestant("w009", "phone-nnnnnnnn");
    phone.sitting(round);
    try (EventStream first = EventStream.open(phone.browser, app.baseUrl(), events(round) + "?device=" + phone.device)) {
      first.next("state");
      phone.on("tablet-oooooooo").sitting(round);
      EventStream.Event told = first.next("takeover");
      assertTrue(told.data().getString("message").contains("另一台设备"), told.data().encode());
      first.awaitEnd();
    }
    // With only contestants' screens on the node, the close reaches them too.
    try (EventStream tablet = EventStream.open(phone.browser, app.baseUrl(), events(round) + "?device=tablet-oooooooo")) {
      tablet.next("state");
      RoundFixtures.close(organiser, round);
      EventStream.Event closed = tablet.next("closed");
      assertEquals("CLOSED", closed.data().getString("state"));
      assertTrue(closed.data().getString("message").contains("成绩公布后"), closed.data().encode());
    }
  }

  @Test
  void anAnswerGivenOnOneNodeShowsInTheStandingsOnTheOther() throws Exception {
    UUID c = fx.competition("两节点", "RUNNING");
    fx.register(c, "w010", "w011");
    List<String> qs = fx.questions("SINGLE_CHOICE", 5).subList(3, 5);
    String round = fx.declare(organiser, c, RoundFixtures.knowledge("知识赛", "CORRECT_THEN_TIME", "NONE", qs));
    try (TestApp nodeB = app.secondNode()) {
      Browser organiserOnB = organiser.onOtherNode(nodeB.baseUrl());
      Contestant w011 = fx.contestant("w011", "phone-pppppppp");
      try (EventStream staffOnB = EventStream.open(organiserOnB, nodeB.baseUrl(), events(round))) {
        assertEquals("PLANNED", staffOnB.next("state").data().getString("state"));
        // Opened on node A: node B's screen hears of it through the event channel.
        RoundFixtures.open(organiser, round);
        assertEquals("OPEN", staffOnB.next("state").data().getString("state"));

        Contestant w010 = fx.contestant("w010", "phone-qqqqqqqq");
        w010.sitting(round);
        w011.sitting(round);
        try (EventStream contestantOnB = EventStream.open(w011.browser, nodeB.baseUrl(),
            events(round) + "?device=" + w011.device)) {
          contestantOnB.next("state");
          assertEquals(200, w010.answer(round, qs.get(0), 1, fx.key(qs.get(0))).statusCode());
          assertEquals(200, w010.answer(round, qs.get(1), 2, fx.key(qs.get(1))).statusCode());
          String name = (String) app.one("SELECT display_name FROM account WHERE username = 'w010'");
          staffOnB.next(e -> e.name().equals("standings") && shows(e, name, 2.0), "node A's answers on node B");

          // Closed on node A: both screens on node B get the round's end.
          RoundFixtures.close(organiser, round);
          assertTrue(shows(staffOnB.next("closed"), name, 2.0));
          assertEquals("CLOSED", contestantOnB.next("closed").data().getString("state"));
        }
      }
    }
  }
}
