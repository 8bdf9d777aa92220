package org.qinglan.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qinglan.course.ContinuingEducation;
import org.qinglan.testing.Browser;
import org.qinglan.testing.TestApp;

/**
 * Every time and date people read is in the deployment's zone (Asia/Shanghai here) even though
 * the JVM runs in UTC, and a continuing-education cycle ends on the same day wherever it is shown.
 */
class OneTimeZoneTest {
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.withDemoData();
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
  }

  @Test
  void theJvmRunsInUtcSoTheseChecksMeanSomething() {
    assertEquals("UTC", TimeZone.getDefault().getID(), "surefire sets -Duser.timezone=UTC");
  }

  @Test
  void mockExamPagesShowShanghaiTimes() throws Exception {
    Browser b = app.signedInAs("worker");
    JsonObject exam = new JsonObject(b.json("POST", "/api/v1/mock-exams", "{\"blueprintId\":\"assistant-comprehensive\"}")
        .body());
    String id = exam.getString("id", exam.getString("examId"));
    OffsetDateTime started = instant(
        "SELECT started_at FROM mock_exam WHERE account_id = (SELECT id FROM account WHERE username = 'worker')");
    String shanghai = MINUTES.format(started.atZoneSameInstant(SHANGHAI));
    String utc = MINUTES.format(started.atZoneSameInstant(ZoneOffset.UTC));
    String list = b.get("/mock-exams").body();
    assertTrue(list.contains(shanghai), "started " + shanghai + " in Shanghai: " + list);
    assertFalse(list.contains(utc), "not the UTC time " + utc);

    b.json("POST", "/api/v1/mock-exams/" + id + "/submit", "{}");
    OffsetDateTime submitted = instant("SELECT submitted_at FROM mock_exam WHERE id = ?::uuid", id);
    String result = b.get("/mock-exams/" + id).body();
    assertTrue(result.contains(MINUTES.format(submitted.atZoneSameInstant(SHANGHAI))), result);
    assertFalse(result.contains(MINUTES.format(submitted.atZoneSameInstant(ZoneOffset.UTC))), result);
  }

  private static OffsetDateTime instant(String sql, Object... params) throws Exception {
    return ((java.sql.Timestamp) app.one(sql, params)).toInstant().atOffset(ZoneOffset.UTC);
  }

  @Test
  void aCycleEndsOnTheSameDayForTheWorkerTheOrganiserAndTheExport() throws Exception {
    // mentor (孙桂兰, 江畔社区 in 东湖区): 社会工作师 since 2016-12-20, no hours yet, so behind.
    LocalDate today = LocalDate.now(SHANGHAI);
    LocalDate lastDay = ContinuingEducation.cycle(LocalDate.of(2016, 12, 20), today).end().minusDays(1);
    String page = app.signedInAs("mentor").get("/my/training").body();
    assertTrue(page.contains("至 " + lastDay), "the cycle's last day " + lastDay + ": " + page);
    assertFalse(page.contains(lastDay.plusDays(1).toString()), page);
    String json = app.signedInAs("mentor").get("/api/v1/my/training").body();
    assertEquals(lastDay.toString(), new JsonObject(json).getJsonObject("cycle").getString("end"), json);

    Browser organiser = app.signedInAs("organiser");
    assertTrue(organiser.get("/training/compliance").body().contains(lastDay + " 截止"));
    String csv = organiser.get("/training/compliance.csv").body();
    assertTrue(csv.contains(lastDay + " 截止"), csv);
    assertFalse(csv.contains(lastDay.plusDays(1).toString()), csv);
  }

  @Test
  void theExportDatesACompletionByTheShanghaiCalendar() throws Exception {
    // w017 (other staff, 江畔社区) finished a course at 20:30 UTC on 2022-03-31: 1 April in Shanghai.
    app.update("UPDATE worker_profile SET hire_date = '2015-03-01', qualification = 'NONE', certificate_date = NULL,"
        + " certificate_no = NULL WHERE account_id = (SELECT id FROM account WHERE username = 'w017')");
    app.update("""
        INSERT INTO enrolment (id, account_id, course_id, enrolled_at, completed_at, final_score)
        SELECT gen_random_uuid(), a.id, (SELECT id FROM course ORDER BY id LIMIT 1), '2022-03-01T00:00Z',
               '2022-03-31T20:30Z', 90 FROM account a WHERE a.username = 'w017'
        """);
    String csv = app.signedInAs("organiser").get("/training/compliance.csv").body();
    assertTrue(csv.contains("上次完成于 2022-04-01"), csv);
  }
}
