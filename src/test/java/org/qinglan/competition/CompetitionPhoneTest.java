package org.qinglan.competition;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.qinglan.testing.Browser;
import org.qinglan.testing.HeadlessChrome;
import org.qinglan.testing.TestApp;

/**
 * A worker enters a competition on a phone: the list, the competition's page, registration, and
 * after publication their result, the results page and the certificate; no page is wider than
 * the screen.
 */
class CompetitionPhoneTest {
  static TestApp app;
  static ChromeDriver browser;

  @BeforeAll
  static void start() {
    app = TestApp.withDemoData();
    browser = HeadlessChrome.phone();
    browser.manage().window().setSize(new Dimension(390, 844));
  }

  @AfterAll
  static void stop() throws Exception {
    HeadlessChrome.release(browser);
    app.close();
  }

  private static void fitsTheScreen(String page) throws Exception {
    long scrollWidth = (Long) browser.executeScript("return document.documentElement.scrollWidth;");
    long innerWidth = (Long) browser.executeScript("return window.innerWidth;");
    assertTrue(scrollWidth <= innerWidth, page + " is " + scrollWidth + " px wide on a " + innerWidth + " px screen");
    Path shots = Files.createDirectories(Path.of("target", "screenshots"));
    Files.write(shots.resolve("competition-" + page + "-phone.png"), browser.getScreenshotAs(OutputType.BYTES));
  }

  private static void click(By by) {
    String before = browser.getCurrentUrl();
    browser.findElement(by).click();
    HeadlessChrome.waitUpTo(browser, 10).until(d -> !d.getCurrentUrl().equals(before));
  }

  @Test
  void aWorkerRegistersOnAPhoneAndLaterFindsTheirAwardAndCertificate() throws Exception {
    Browser organiser = app.signedInAs("organiser");
    String id = CompetitionHttpTest.create(organiser, CompetitionHttpTest.setup("手机报名测试赛"));
    CompetitionHttpTest.stage(organiser, id, "REGISTRATION");

    HeadlessChrome.signIn(browser, app.baseUrl(), "worker", TestApp.DEMO_PASSWORD);
    browser.get(app.baseUrl() + "/competitions");
    fitsTheScreen("list");
    click(By.linkText("手机报名测试赛"));
    fitsTheScreen("page");
    click(By.xpath("//button[contains(., '报名参赛')]"));
    HeadlessChrome.waitUpTo(browser, 10).until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"),
        "您已报名"));
    assertTrue(browser.findElement(By.cssSelector(".alert.success")).getText().contains("报名成功"));
    fitsTheScreen("registered");

    CompetitionHttpTest.stage(organiser, id, "RUNNING");
    // The knowledge round's close, as it leaves its results.
    String round = java.util.UUID.randomUUID().toString();
    app.update("""
        INSERT INTO competition_round (id, competition_id, position, title, kind, scoring, tie_break, timing, minutes,
          state, closed_at, advancement)
        VALUES (?::uuid, ?::uuid, 1, '初赛', 'KNOWLEDGE', 'CORRECT_THEN_TIME', 'NONE', 'WINDOW', 20, 'CLOSED', now(),
          '{"kind":"TOP_N","value":10}'::jsonb)""", round, id);
    app.update("""
        INSERT INTO competition_result (round_id, account_id, rank, tied, points, correct, total_ms, advances)
        SELECT ?::uuid, id, 1, false, 28.5, 27, 754300, true FROM account WHERE username = 'worker'""", round);
    assertTrue(new JsonObject(organiser.json("POST", "/api/v1/competitions/" + id + "/results/publication", "{}")
        .body()).getInteger("awards") == 1);

    browser.get(app.baseUrl() + "/competitions/" + id);
    String page = browser.findElement(By.tagName("main")).getText();
    assertTrue(page.contains("第 1 名") && page.contains("一等奖") && page.contains("晋级下一轮"), page);
    fitsTheScreen("result");
    click(By.linkText("查看全部成绩"));
    String results = browser.findElement(By.tagName("main")).getText();
    assertTrue(results.contains("林小雨") && results.contains("12 分 34.3 秒"), results);
    fitsTheScreen("results");
    browser.get(app.baseUrl() + "/competitions/" + id);
    click(By.linkText("查看并打印获奖证书"));
    assertTrue(browser.findElement(By.cssSelector("article.certificate")).getText().contains("荣获 一等奖"));
    fitsTheScreen("certificate");
  }
}
