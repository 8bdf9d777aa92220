package org.qinglan.cases;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.qinglan.testing.HeadlessChrome;
import org.qinglan.testing.TestApp;

/**
 * The search page on a phone: the filters come before the results, folded under 筛选, and on
 * a wide screen they stand open beside them. A screenshot of the phone view is left in
 * target/screenshots/ for a person to look at.
 */
class CaseLibraryPhoneTest {
  static TestApp app;
  static ChromeDriver browser;

  @BeforeAll
  static void start() throws Exception {
    app = TestApp.withDemoData();
    browser = HeadlessChrome.phone();
    browser.get(app.baseUrl() + "/login");
    browser.findElement(By.name("username")).sendKeys("worker");
    browser.findElement(By.name("password")).sendKeys(TestApp.DEMO_PASSWORD);
    browser.findElement(By.cssSelector("button.primary")).click();
    new WebDriverWait(browser, Duration.ofSeconds(10), HeadlessChrome.POLL)
        .until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
  }

  @AfterAll
  static void stop() throws Exception {
    HeadlessChrome.release(browser);
    app.close();
  }

  @Test
  void onAPhoneTheFiltersAreFoldedAboveTheResults() throws Exception {
    browser.manage().window().setSize(new Dimension(390, 844));
    browser.get(app.baseUrl() + "/cases?q=" + URLEncoder.encode("调解", StandardCharsets.UTF_8));
    WebElement filters = browser.findElement(By.cssSelector("details.case-filters"));
    WebElement summary = filters.findElement(By.tagName("summary"));
    WebElement firstHit = browser.findElement(By.cssSelector(".hits .hit"));
    assertTrue(summary.getText().startsWith("筛选"), summary.getText());
    assertTrue(summary.getLocation().getY() < firstHit.getLocation().getY(), "the filters come before the results");
    assertTrue(summary.getLocation().getY() < 844, "and within the first screen");
    assertNull(filters.getAttribute("open"), "folded");
    WebElement facet = filters.findElement(By.cssSelector(".facets a"));
    assertFalse(facet.isDisplayed());

    Path shots = Files.createDirectories(Path.of("target", "screenshots"));
    Files.write(shots.resolve("case-library-phone.png"), browser.getScreenshotAs(OutputType.BYTES));

    summary.click();
    assertTrue(facet.isDisplayed(), "unfolded with a tap");
    String before = browser.getCurrentUrl();
    facet.click();
    new WebDriverWait(browser, Duration.ofSeconds(10), HeadlessChrome.POLL)
        .until(ExpectedConditions.not(ExpectedConditions.urlToBe(before)));
    assertTrue(browser.findElement(By.cssSelector("details.case-filters summary")).getText().contains("已选 1 项"),
        "a chosen filter is counted on the folded summary");
    Files.write(shots.resolve("case-library-phone-filtered.png"), browser.getScreenshotAs(OutputType.BYTES));
  }

  @Test
  void onAWideScreenTheFiltersStandOpenBesideTheResults() {
    browser.manage().window().setSize(new Dimension(1280, 900));
    try {
      browser.get(app.baseUrl() + "/cases?q=" + URLEncoder.encode("调解", StandardCharsets.UTF_8));
      WebElement facet = browser.findElement(By.cssSelector("details.case-filters .facets a"));
      assertTrue(facet.isDisplayed(), "open without a click");
      WebElement firstHit = browser.findElement(By.cssSelector(".hits .hit"));
      assertTrue(facet.getLocation().getX() < firstHit.getLocation().getX(), "beside the results, on the left");
    } finally {
      browser.manage().window().setSize(new Dimension(390, 844));
    }
  }
}
