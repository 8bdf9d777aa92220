package org.qinglan.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.qinglan.testing.HeadlessChrome;
import org.qinglan.testing.TestApp;

/** The foundation's "done when": an organiser signs in with a browser and sees their workers, in Chinese. */
class SignInBrowserTest {
  static TestApp app;
  static ChromeDriver browser;

  @BeforeAll
  static void start() {
    app = TestApp.withDemoData();
    browser = HeadlessChrome.phone();
  }

  @AfterAll
  static void stop() throws Exception {
    HeadlessChrome.release(browser);
    app.close();
  }

  @Test
  void organiserSeesTheirWorkersThenSignsOut() {
    browser.get(app.baseUrl() + "/");
    assertTrue(browser.getCurrentUrl().contains("/login"), "signed-out visitors are sent to sign in");
    assertEquals("登录 · 青蓝", browser.getTitle());
    browser.findElement(By.name("username")).sendKeys("organiser");
    browser.findElement(By.name("password")).sendKeys(TestApp.DEMO_PASSWORD);
    browser.findElement(By.cssSelector("button.primary")).click();
    new WebDriverWait(browser, Duration.ofSeconds(10), HeadlessChrome.POLL)
        .until(ExpectedConditions.urlContains("/workers"));
    String body = browser.findElement(By.tagName("body")).getText();
    assertTrue(body.contains("社区工作者"), body);
    assertTrue(body.contains("林小雨"), "a worker of 东湖区");
    assertTrue(body.contains("望江街道"), body);
    // The menu is folded on a phone; open it and sign out.
    browser.findElement(By.cssSelector("label.nav-button")).click();
    browser.findElement(By.cssSelector("form.logout button")).click();
    new WebDriverWait(browser, Duration.ofSeconds(10), HeadlessChrome.POLL)
        .until(ExpectedConditions.urlContains("/login"));
    browser.get(app.baseUrl() + "/workers");
    assertTrue(browser.getCurrentUrl().contains("/login"), "signed out");
  }
}
