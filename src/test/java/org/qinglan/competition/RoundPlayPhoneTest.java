package org.qinglan.competition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.qinglan.testing.Browser;
import org.qinglan.testing.HeadlessChrome;
import org.qinglan.testing.TestApp;

/**
 * The knowledge round in a real (headless) browser: a contestant takes it on a phone, every answer
 * marked 已保存 once stored, another device takes over and the phone says so at once; the
 * organiser's live page follows the answers without a reload.
 */
class RoundPlayPhoneTest {
  static TestApp app;
  static RoundFixtures fx;
  static ChromeDriver browser;

  @BeforeAll
  static void start() {
    app = TestApp.withDemoData();
    fx = new RoundFixtures(app);
    browser = HeadlessChrome.phone();
  }

  @AfterAll
  static void stop() throws Exception {
    HeadlessChrome.release(browser);
    app.close();
  }

  private static WebDriverWait waitUpTo(int seconds) {
    return HeadlessChrome.waitUpTo(browser, seconds);
  }

  private static void shot(String name) throws Exception {
    Path shots = Files.createDirectories(Path.of("target", "screenshots"));
    Files.write(shots.resolve("round-" + name + "-phone.png"), browser.getScreenshotAs(OutputType.BYTES));
  }

  private static long answersOf(String round) throws Exception {
    return fx.count("SELECT count(*) FROM competition_answer a JOIN competition_entry e ON e.id = a.entry_id "
        + "WHERE e.round_id = ?::uuid", round);
  }

  @Test
  void aContestantTakesTheRoundOnAPhoneAndAnotherDeviceTakesOver() throws Exception {
    UUID c = fx.competition("手机答题", "RUNNING");
    fx.register(c, "worker");
    List<String> qs = List.of(fx.questions("SINGLE_CHOICE", 1).get(0), fx.questions("MULTIPLE_CHOICE", 1).get(0));
    Browser organiser = app.signedInAs("organiser");
    String round = fx.declare(organiser, c, RoundFixtures.knowledge("手机知识赛", "CORRECT_THEN_TIME", "NONE", qs));
    RoundFixtures.open(organiser, round);

    HeadlessChrome.signIn(browser, app.baseUrl(), "worker", TestApp.DEMO_PASSWORD);
    browser.get(app.baseUrl() + "/rounds/" + round + "/play");
    waitUpTo(10).until(ExpectedConditions.visibilityOfElementLocated(By.id("begin"))).click();
    waitUpTo(10).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#question .option")));
    assertTrue(browser.findElement(By.id("question")).getText().contains("第 1 / 2 题"));
    assertTrue(browser.findElement(By.id("clock")).getText().matches("\\d\\d:\\d\\d"), "the server's time left");
    browser.findElements(By.cssSelector("#question .option")).get(0).click();
    waitUpTo(10).until(ExpectedConditions.textToBe(By.id("q-state"), "已保存"));
    assertEquals(1, answersOf(round), "已保存 only once stored");

    browser.findElement(By.id("next")).click();
    waitUpTo(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("question"), "第 2 / 2 题"));
    List<WebElement> options = browser.findElements(By.cssSelector("#question .option"));
    options.get(0).click();
    options.get(1).click();
    waitUpTo(10).until(d -> d.findElement(By.id("q-state")).getText().equals("已保存")
        && d.findElement(By.id("save-state")).getText().equals("已保存"));
    assertEquals(2, answersOf(round));
    long scrollWidth = (Long) browser.executeScript("return document.documentElement.scrollWidth;");
    long innerWidth = (Long) browser.executeScript("return window.innerWidth;");
    assertTrue(scrollWidth <= innerWidth, "the page is " + scrollWidth + " px wide on a " + innerWidth + " px screen");
    shot("question");

    // Another device begins: the phone is told at once, through its event stream.
    fx.contestant("worker", "tablet-rrrrrrrr").sitting(round);
    waitUpTo(15).until(ExpectedConditions.visibilityOfElementLocated(By.id("takeover")));
    assertTrue(browser.findElement(By.id("takeover-message")).getText().contains("另一台设备"));
    shot("takeover");
    // And takes it back.
    browser.findElement(By.id("take-back")).click();
    waitUpTo(10).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#question .option")));
    assertEquals(2, fx.count("SELECT takeovers FROM competition_entry WHERE round_id = ?::uuid", round));
  }

  @Test
  void theOrganisersLivePageFollowsTheAnswersWithoutAReload() throws Exception {
    UUID c = fx.competition("实时赛况", "RUNNING");
    fx.register(c, "w001");
    String q = fx.questions("SINGLE_CHOICE", 2).get(1);
    Browser organiser = app.signedInAs("organiser");
    String round = fx.declare(organiser, c, RoundFixtures.knowledge("直播知识赛", "CORRECT_THEN_TIME", "NONE", List.of(q)));
    RoundFixtures.open(organiser, round);

    HeadlessChrome.signIn(browser, app.baseUrl(), "organiser", TestApp.DEMO_PASSWORD);
    browser.get(app.baseUrl() + "/rounds/" + round + "/live");
    assertTrue(browser.findElement(By.id("standings")).getText().contains("还没有选手进入本轮"));
    RoundFixtures.Contestant w001 = fx.contestant("w001", "phone-ssssssss");
    w001.sitting(round);
    assertEquals(200, w001.answer(round, q, 1, fx.key(q)).statusCode());
    String name = (String) app.one("SELECT display_name FROM account WHERE username = 'w001'");
    waitUpTo(15).until(d -> d.findElement(By.id("standings")).getText().contains(name)
        && d.findElement(By.id("c-entered")).getText().equals("1"));
    assertTrue(browser.findElement(By.id("standings")).getText().contains("作答中"));
    browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
    shot("live");
  }
}
