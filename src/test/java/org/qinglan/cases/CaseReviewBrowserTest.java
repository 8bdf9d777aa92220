package org.qinglan.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.qinglan.people.Role;
import org.qinglan.testing.HeadlessChrome;
import org.qinglan.testing.TestApp;

/**
 * The case library's "done when", in Chromium on a phone-sized screen: a trainer writes a case
 * with an ID-card number, which cannot be submitted until it is removed; an organiser approves it
 * on the review page; a worker finds it with the search box right after.
 */
class CaseReviewBrowserTest {
  static TestApp app;
  /** Files the test uploads. */
  @TempDir
  static java.nio.file.Path uploads;
  static ChromeDriver browser;
  /** A worker's phone, signed in before the approval, so that only the search is timed. */
  static ChromeDriver reader;

  @BeforeAll
  static void start() throws Exception {
    app = TestApp.withDemoData();
    app.addStaff("dh.trainer4", "东湖区讲师", "东湖区", Role.TRAINER);
    browser = HeadlessChrome.phone();
    reader = HeadlessChrome.phone();
  }

  @AfterAll
  static void stop() throws Exception {
    HeadlessChrome.release(browser);
    HeadlessChrome.release(reader);
    app.close();
  }

  @Test
  void aTrainersCaseIsReviewedInTheBrowserAndFoundBySearch() throws Exception {
    signIn(reader, "worker");
    reader.get(app.baseUrl() + "/cases?q=" + java.net.URLEncoder.encode("摊位公约", java.nio.charset.StandardCharsets.UTF_8));
    assertTrue(HeadlessChrome.noneOnPage(reader, By.linkText("菜市场摊位之争的协商化解")));
    reader.get(app.baseUrl() + "/cases");
    reader.findElement(By.id("case-q")).sendKeys("加装");
    new WebDriverWait(reader, Duration.ofSeconds(10), HeadlessChrome.POLL)
        .until(d -> !d.findElements(By.cssSelector("#case-suggestions option")).isEmpty());
    assertTrue(reader.findElements(By.cssSelector("#case-suggestions option")).stream()
        .anyMatch(o -> o.getAttribute("value").contains("加装电梯")), "suggestions while typing");
    reader.findElement(By.id("case-q")).clear();
    signIn("dh.trainer4");
    browser.get(app.baseUrl() + "/cases/mine");
    assertTrue(text().contains("你还没有写过案例"), text());
    browser.findElement(By.linkText("新建案例")).click();
    browser.findElement(By.name("title")).sendKeys("菜市场摊位之争的协商化解");
    browser.findElement(By.name("summary")).sendKeys("两位摊主为摊位边界争执不下，社区工作者组织协商，订立摊位公约。");
    browser.findElement(By.name("body")).sendKeys("## 背景\n摊主老周（身份证号110105194912310021）与邻摊争执。");
    browser.findElement(By.cssSelector("input[name=topics][value=dispute-mediation]")).click();
    browser.findElement(By.cssSelector("input[name=methods][value=community-work]")).click();
    new Select(browser.findElement(By.name("communityType"))).selectByValue("old-town");
    browser.findElement(By.name("year")).sendKeys("2026");
    browser.findElement(By.name("tags")).sendKeys("摊位，公约");
    browser.findElement(By.cssSelector("form.form button.primary")).click();
    wait(ExpectedConditions.urlMatches("/cases/k-[a-z0-9]+/edit\\?done=created$"));
    String editUrl = browser.getCurrentUrl().replace("?done=created", "");
    assertTrue(text().contains("案例已保存为草稿"), "saving is confirmed: " + text());
    assertEquals("110105194912310021", browser.findElement(By.cssSelector(".privacy-findings mark[title=身份证号]"))
        .getText(), "the privacy check ran on save and shows at once");
    java.nio.file.Path shots = java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "screenshots"));
    java.nio.file.Files.write(shots.resolve("case-edit-after-save-phone.png"),
        browser.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));

    browser.findElement(By.xpath("//button[text()='提交审核']")).click();
    // The edit page already marks it, so wait for the refusal before looking again.
    wait(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".alert.error"), "可能含有个人信息"));
    WebElement mark = browser.findElement(By.cssSelector("mark[title=身份证号]"));
    assertEquals("110105194912310021", mark.getText(), "the ID-card number is marked in place");

    WebElement body = browser.findElement(By.name("body"));
    body.clear();
    body.sendKeys("## 背景\n摊主老周与邻摊为摊位边界争执，社区工作者约双方到议事厅协商。");
    browser.findElement(By.cssSelector("form.form button.primary")).click();
    wait(ExpectedConditions.urlToBe(editUrl + "?done=saved"));
    assertTrue(text().contains("已保存") && HeadlessChrome.noneOnPage(browser, By.cssSelector(".privacy-findings")),
        text());
    browser.findElement(By.cssSelector("input[type=file]")).sendKeys(photo().toString());
    browser.findElement(By.xpath("//button[starts-with(text(), '上传附件')]")).click();
    wait(ExpectedConditions.urlToBe(editUrl + "?done=uploaded"));
    assertTrue(text().contains("议事厅协商.png"), "the attachment is listed: " + text());
    browser.findElement(By.xpath("//button[text()='提交审核']")).click();
    wait(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "审核中"));

    signIn("organiser");
    browser.get(app.baseUrl() + "/cases/review");
    WebElement card = browser.findElement(By.xpath("//section[h2[text()='菜市场摊位之争的协商化解']]"));
    assertTrue(card.getText().contains("附件：议事厅协商.png"), "the reviewer sees the attachment: " + card.getText());
    card.findElement(By.name("comment")).sendKeys("内容完整，同意发布。");
    card.findElement(By.cssSelector("button[value=approve]")).click();
    wait(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "没有待审核的案例"));
    assertTrue(text().contains("已通过并发布"), "the approval is confirmed: " + text());
    long approvedAt = System.nanoTime();

    reader.findElement(By.id("case-q")).sendKeys("摊位公约");
    reader.findElement(By.cssSelector("form.filters button.primary")).click();
    // The results page of that one search (a loaded machine can take longer than the implicit 5 s).
    WebElement hit = new WebDriverWait(reader, Duration.ofSeconds(15), HeadlessChrome.POLL)
        .until(ExpectedConditions.presenceOfElementLocated(By.linkText("菜市场摊位之争的协商化解")));
    System.out.printf("Found by the worker's first search %.0f ms after the approval page came back%n",
        (System.nanoTime() - approvedAt) / 1e6);
    hit.click();
    String casePage = reader.findElement(By.tagName("body")).getText();
    assertTrue(casePage.contains("订立摊位公约"), casePage);
    assertTrue(!casePage.contains("审核记录"), "a worker does not see the reviewers' record");

    signIn("dh.trainer4");
    browser.get(app.baseUrl() + "/cases/mine");
    assertTrue(text().contains("已发布"), text());
    browser.get(editUrl);
    assertTrue(text().contains("审核通过并发布") && text().contains("内容完整，同意发布。"), "the review history: " + text());
  }

  /** A small PNG (a file is recognised by its bytes). */
  private static java.nio.file.Path photo() throws java.io.IOException {
    java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(40, 30, java.awt.image.BufferedImage.TYPE_INT_RGB);
    java.nio.file.Path file = uploads.resolve("议事厅协商.png");
    javax.imageio.ImageIO.write(image, "png", file.toFile());
    return file;
  }

  private void signIn(String username) {
    signIn(browser, username);
  }

  private static void signIn(ChromeDriver driver, String username) {
    driver.manage().deleteAllCookies();
    driver.get(app.baseUrl() + "/login");
    driver.findElement(By.name("username")).sendKeys(username);
    driver.findElement(By.name("password")).sendKeys(TestApp.DEMO_PASSWORD);
    driver.findElement(By.cssSelector("button.primary")).click();
    new WebDriverWait(driver, Duration.ofSeconds(10), HeadlessChrome.POLL)
        .until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
  }

  private static String text() {
    return browser.findElement(By.tagName("body")).getText();
  }

  private static <T> void wait(org.openqa.selenium.support.ui.ExpectedCondition<T> condition) {
    new WebDriverWait(browser, Duration.ofSeconds(10), HeadlessChrome.POLL).until(condition);
  }
}
