package org.qinglan.competition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.qinglan.testing.HeadlessChrome;
import org.qinglan.testing.TestApp;

/**
 * The whole competition in a browser (issue #15, "Done when"): the demo organiser, at a desktop,
 * sets a competition up through the pages, declares its three rounds (the knowledge round drawn by
 * a blueprint) and opens registration; two demo workers of 东湖区 register on their phones; the
 * organiser starts the competition and opens the knowledge round; the workers answer on their
 * phones, each answer 已保存; the organiser's live page shows them without a reload; the organiser
 * closes the round and publishes the results; a worker finds their result and award and the
 * certificate, whose verification page says it is valid.
 */
class CompetitionJourneyBrowserTest {
  static TestApp app;
  static ChromeDriver desk;
  static ChromeDriver phone;

  @BeforeAll
  static void start() {
    app = TestApp.withDemoData();
    desk = HeadlessChrome.phone();
    desk.manage().window().setSize(new Dimension(1280, 900));
    phone = HeadlessChrome.phone();
  }

  @AfterAll
  static void stop() throws Exception {
    HeadlessChrome.release(desk);
    HeadlessChrome.release(phone);
    app.close();
  }

  private static String local(Duration fromNow) {
    return CompetitionPagesHttpTest.local(fromNow);
  }

  /** Types into a datetime-local field as its value (keys typed into one depend on the browser's locale). */
  private static void setValue(ChromeDriver d, By by, String value) {
    d.executeScript("arguments[0].value = arguments[1];", d.findElement(by), value);
  }

  private static void type(ChromeDriver d, By by, String text) {
    WebElement e = d.findElement(by);
    e.clear();
    e.sendKeys(text);
  }

  /** Clicks a button that submits a form, saying yes to its question, and waits for the next page. */
  private static void submit(ChromeDriver d, By button) {
    d.executeScript("window.confirm = function () { return true; };");
    WebElement page = d.findElement(By.tagName("html"));
    d.findElement(button).click();
    HeadlessChrome.waitUpTo(d, 15).until(ExpectedConditions.stalenessOf(page));
  }

  private static String main(ChromeDriver d) {
    return d.findElement(By.tagName("main")).getText();
  }

  private static void declareRound(String title, String kind, String advancement, String value) {
    type(desk, By.cssSelector("#round-form [name=title]"), title);
    new Select(desk.findElement(By.cssSelector("#round-form [name=kind]"))).selectByValue(kind);
    new Select(desk.findElement(By.cssSelector("#round-form [name=advancementKind]"))).selectByValue(advancement);
    type(desk, By.cssSelector("#round-form [name=advancementValue]"), value);
    if (kind.equals("KNOWLEDGE")) {
      setValue(desk, By.cssSelector("#round-form [name=opensAt]"), local(Duration.ofMinutes(-5)));
      setValue(desk, By.cssSelector("#round-form [name=closesAt]"), local(Duration.ofHours(2)));
      type(desk, By.cssSelector("#round-form [name=count]"), "3");
    }
    submit(desk, By.xpath("//form[@id='round-form']//button[@type='submit']"));
    assertTrue(desk.findElement(By.cssSelector(".alert.success")).getText().contains("轮次已添加"), main(desk));
  }

  /** The shown positions a contestant picks on each question of the round, in paper order: the key, or a wrong one. */
  private static List<Set<Integer>> picks(String round, String username, boolean right) throws Exception {
    String account = app.one("SELECT id FROM account WHERE username = ?", username).toString();
    List<Set<Integer>> out = new ArrayList<>();
    RoundFixtures fx = new RoundFixtures(app);
    for (Object[] row : app.rows("SELECT question_id::text FROM competition_round_question "
        + "WHERE round_id = ?::uuid ORDER BY position", round)) {
      // The bank's copy: the frozen one is the same question, as nobody edits it meanwhile.
      Set<Integer> key = fx.key((String) row[0]);
      int options = fx.optionCount((String) row[0]);
      Set<Integer> stored = key;
      if (!right) {
        int wrong = 0;
        while (key.contains(wrong)) {
          wrong++;
        }
        stored = Set.of(wrong);
      }
      OptionShuffle shuffle = OptionShuffle.of(round, account, (String) row[0], options);
      out.add(new TreeSet<>(shuffle.toShown(stored)));
    }
    return out;
  }

  /** A worker signs in on the phone and answers every question of the round, each answer 已保存 before the next. */
  private static void answer(String username, String round, List<Set<Integer>> picks) {
    HeadlessChrome.signIn(phone, app.baseUrl(), username, TestApp.DEMO_PASSWORD);
    // Another person's phone: no device id kept in this tab (a tab that has one resumes at once).
    phone.executeScript("window.sessionStorage.clear();");
    phone.get(app.baseUrl() + "/rounds/" + round + "/play");
    HeadlessChrome.waitUpTo(phone, 10).until(ExpectedConditions.visibilityOfElementLocated(By.id("begin"))).click();
    for (int i = 0; i < picks.size(); i++) {
      String n = "第 " + (i + 1) + " / " + picks.size() + " 题";
      HeadlessChrome.waitUpTo(phone, 10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("question"), n));
      List<WebElement> options = phone.findElements(By.cssSelector("#question .option"));
      for (int shown : picks.get(i)) {
        options.get(shown).click();
      }
      HeadlessChrome.waitUpTo(phone, 10).until(d -> d.findElement(By.id("q-state")).getText().equals("已保存")
          && d.findElement(By.id("save-state")).getText().equals("已保存"));
      if (i + 1 < picks.size()) {
        phone.findElement(By.id("next")).click();
      }
    }
  }

  @Test
  void anOrganiserRunsACompetitionThatWorkersTakeOnTheirPhones() throws Exception {
    // The organiser sets it up at a desk: the competition, its three rounds, registration open.
    HeadlessChrome.signIn(desk, app.baseUrl(), "organiser", TestApp.DEMO_PASSWORD);
    desk.get(app.baseUrl() + "/competitions/new");
    type(desk, By.name("title"), "全程演练技能比武");
    setValue(desk, By.name("registrationOpens"), local(Duration.ofHours(-1)));
    setValue(desk, By.name("registrationCloses"), local(Duration.ofDays(1)));
    submit(desk, By.xpath("//button[.='保存']"));
    Matcher m = Pattern.compile("/competitions/([0-9a-f-]{36})/manage").matcher(desk.getCurrentUrl());
    assertTrue(m.find(), desk.getCurrentUrl());
    String id = m.group(1);
    declareRound("第一轮 在线知识赛", "KNOWLEDGE", "TOP_N", "10");
    declareRound("第二轮 案例分析", "CASE_ANALYSIS", "TOP_N", "1");
    declareRound("第三轮 现场决赛", "LIVE_FINAL", "", "");
    String rounds = desk.findElement(By.id("round-list")).getText();
    assertTrue(rounds.contains("第一轮 在线知识赛") && rounds.contains("知识赛")
        && rounds.contains("第二轮 案例分析") && rounds.contains("案例分析赛") && rounds.contains("第三轮 现场决赛")
        && rounds.contains("现场决赛") && rounds.contains("不设晋级"), rounds);
    submit(desk, By.xpath("//button[.='开始报名']"));
    assertTrue(main(desk).contains("报名中"), main(desk));

    // Two workers of 东湖区 register on their phones.
    for (String worker : List.of("worker", "w001")) {
      HeadlessChrome.signIn(phone, app.baseUrl(), worker, TestApp.DEMO_PASSWORD);
      phone.get(app.baseUrl() + "/competitions/" + id);
      submit(phone, By.xpath("//button[contains(., '报名参赛')]"));
      assertTrue(main(phone).contains("您已报名"), main(phone));
    }

    // The organiser starts the competition and opens the knowledge round on its live page.
    desk.get(app.baseUrl() + "/competitions/" + id + "/manage");
    assertTrue(main(desk).contains("报名 2 人"), main(desk));
    submit(desk, By.xpath("//button[contains(., '开始比赛')]"));
    desk.findElement(By.cssSelector("#round-list li:first-child a[href$='/live']")).click();
    HeadlessChrome.waitUpTo(desk, 10).until(ExpectedConditions.urlContains("/live"));
    Matcher r = Pattern.compile("/rounds/([0-9a-f-]{36})/live").matcher(desk.getCurrentUrl());
    assertTrue(r.find(), desk.getCurrentUrl());
    String round = r.group(1);
    submit(desk, By.xpath("//button[contains(., '开放本轮')]"));
    HeadlessChrome.waitUpTo(desk, 10).until(ExpectedConditions.textToBe(By.id("round-state"), "进行中"));

    // The workers answer on their phones (林小雨 every key, the other a wrong option each time).
    answer("worker", round, picks(round, "worker", true));
    answer("w001", round, picks(round, "w001", false));
    assertEquals(6L, ((Number) app.one("SELECT count(*) FROM competition_answer a JOIN competition_entry e "
        + "ON e.id = a.entry_id WHERE e.round_id = ?::uuid", round)).longValue(), "every answer stored");

    // The organiser's live page, never reloaded, shows them in its standings.
    String other = (String) app.one("SELECT display_name FROM account WHERE username = 'w001'");
    HeadlessChrome.waitUpTo(desk, 15).until(d -> {
      String standings = d.findElement(By.id("standings")).getText();
      return standings.contains("林小雨") && standings.contains(other)
          && d.findElement(By.id("c-entered")).getText().equals("2");
    });

    // It closes the round and publishes the results.
    submit(desk, By.xpath("//button[contains(., '结束本轮')]"));
    HeadlessChrome.waitUpTo(desk, 10).until(ExpectedConditions.textToBe(By.id("round-state"), "已结束"));
    desk.get(app.baseUrl() + "/competitions/" + id + "/manage");
    submit(desk, By.xpath("//button[.='发布成绩']"));
    assertTrue(desk.findElement(By.cssSelector(".alert.success")).getText().contains("成绩已发布"), main(desk));

    // A worker sees their result and award, opens the certificate, and its verification says it is valid.
    HeadlessChrome.signIn(phone, app.baseUrl(), "worker", TestApp.DEMO_PASSWORD);
    phone.get(app.baseUrl() + "/competitions/" + id);
    String page = main(phone);
    assertTrue(page.contains("第 1 名") && page.contains("一等奖"), page);
    phone.findElement(By.linkText("查看并打印获奖证书")).click();
    String certificate = HeadlessChrome.waitUpTo(phone, 10).until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("article.certificate"))).getText();
    assertTrue(certificate.contains("荣获 一等奖"), certificate);
    Matcher verify = Pattern.compile("(/verify/\\S+)").matcher(main(phone));
    assertTrue(verify.find(), main(phone));
    phone.get(app.baseUrl() + verify.group(1));
    assertTrue(main(phone).contains("证书有效"), main(phone));
  }
}
