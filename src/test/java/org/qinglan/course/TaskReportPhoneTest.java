package org.qinglan.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.openqa.selenium.support.ui.WebDriverWait;
import org.qinglan.testing.HeadlessChrome;
import org.qinglan.testing.TestApp;

/**
 * A practice task of a shipped practicum course on a phone: the worker saves a draft and hands
 * the report in, the trainer returns it from the queue with feedback, the worker reads it; no
 * page is wider than the screen.
 */
class TaskReportPhoneTest {
  static TestApp app;
  static ChromeDriver browser;
  static final String COURSE = "/courses/practicum-first-household-visits";

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

  private static WebDriverWait waitUpTo(int seconds) {
    return HeadlessChrome.waitUpTo(browser, seconds);
  }

  private static void signIn(String username) {
    HeadlessChrome.signIn(browser, app.baseUrl(), username, TestApp.DEMO_PASSWORD);
  }


  private static void click(By button) {
    String before = browser.getCurrentUrl();
    browser.findElement(button).click();
    waitUpTo(10).until(d -> !d.getCurrentUrl().equals(before));
  }

  private static void fitsTheScreen(String page) throws Exception {
    long scrollWidth = (Long) browser.executeScript("return document.documentElement.scrollWidth;");
    long innerWidth = (Long) browser.executeScript("return window.innerWidth;");
    assertTrue(scrollWidth <= innerWidth, page + " is " + scrollWidth + " px wide on a " + innerWidth + " px screen");
    Path shots = Files.createDirectories(Path.of("target", "screenshots"));
    Files.write(shots.resolve("task-" + page + "-phone.png"), browser.getScreenshotAs(OutputType.BYTES));
  }

  @Test
  void handInOnAPhoneReturnedFromTheQueueAndReadAgain() throws Exception {
    signIn("worker");
    browser.get(app.baseUrl() + COURSE);
    browser.findElement(By.xpath("//button[contains(., '报名学习')]")).click();
    // Enrolled, the course page comes back with its lessons as links.
    waitUpTo(10).until(ExpectedConditions.presenceOfElementLocated(By.linkText("实践任务一：制定网格入户走访计划")));
    click(By.linkText("实践任务一：制定网格入户走访计划"));
    assertTrue(browser.getCurrentUrl().endsWith(COURSE + "/tasks/m1-task"), browser.getCurrentUrl());
    assertTrue(browser.findElement(By.cssSelector("details.task-brief")).getText().contains("评价标准"));
    fitsTheScreen("brief");

    browser.findElement(By.name("body")).sendKeys("走访计划：选定九户，其中三户独居老人。");
    click(By.xpath("//button[contains(., '保存草稿')]"));
    assertTrue(browser.findElement(By.cssSelector(".alert.success")).getText().contains("草稿已保存"));
    assertEquals("走访计划：选定九户，其中三户独居老人。", browser.findElement(By.name("body")).getAttribute("value"));
    browser.findElement(By.name("body")).sendKeys("\n\n## 安全与隐私预案\n\n两人同行，住户用代号。");
    click(By.xpath("//button[contains(., '提交督导审阅')]"));
    assertTrue(browser.getPageSource().contains("正在等待督导审阅"));

    signIn("trainer");
    browser.findElement(By.linkText("实践任务审阅")).click();
    waitUpTo(10).until(ExpectedConditions.urlContains("/training/reports"));
    String queue = browser.findElement(By.cssSelector("table.list")).getText();
    assertTrue(queue.contains("林小雨") && queue.contains("实践任务一"), queue);
    fitsTheScreen("queue");
    click(By.linkText("审阅"));
    assertTrue(browser.findElement(By.cssSelector("section.card article.lesson-body")).getText()
        .contains("安全与隐私预案"), "the report, rendered");
    fitsTheScreen("report");
    browser.findElement(By.name("feedback")).sendKeys("请写明每户的选择理由。");
    click(By.xpath("//button[contains(., '退回修改')]"));
    assertTrue(browser.findElement(By.cssSelector(".alert.success")).getText().contains("已退回修改"));

    signIn("worker");
    browser.get(app.baseUrl() + COURSE + "/tasks/m1-task");
    String page = browser.findElement(By.tagName("main")).getText();
    assertTrue(page.contains("督导退回了你的报告") && page.contains("请写明每户的选择理由。"), page);
    assertTrue(browser.findElement(By.name("body")).getAttribute("value").contains("两人同行"),
        "the returned report is there to revise");
    fitsTheScreen("returned");
  }
}
