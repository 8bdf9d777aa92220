package org.qinglan.people;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.qinglan.platform.Capacity;
import org.qinglan.testing.BusyHashing;
import org.qinglan.testing.HeadlessChrome;
import org.qinglan.testing.TestApp;

/** On a phone, a sign-in that finds the node busy shows 排队中 and goes through by itself once there is room. */
class SignInQueueBrowserTest {
  static TestApp app;
  static ChromeDriver browser;

  @BeforeAll
  static void start() throws Exception {
    app = TestApp.withDemoData(config -> config.withCapacity(new Capacity(16, 1, 1)));
    BusyHashing.addSlowAccounts(app);
    browser = HeadlessChrome.phone();
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    app.close();
  }

  @Test
  void theSignInPageQueuesAndRetriesByItself() throws Exception {
    browser.get(app.baseUrl() + "/login");
    browser.findElement(By.name("username")).sendKeys("worker");
    browser.findElement(By.name("password")).sendKeys(TestApp.DEMO_PASSWORD);
    browser.findElement(By.name("keep")).click();
    List<CompletableFuture<HttpResponse<String>>> slow = BusyHashing.occupy(app);
    browser.findElement(By.cssSelector("form[data-sign-in] button.primary")).click();

    WebElement queue = browser.findElement(By.cssSelector("[data-queue]"));
    new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> queue.isDisplayed());
    String shown = queue.getText();
    assertTrue(shown.contains("排队中"), shown);
    assertTrue(shown.matches(".*约 \\d+ 秒后自动重试.*") || shown.contains("正在重试"), shown);

    // Once the slow sign-ins are through, the page's own retry signs in without the person doing anything.
    new WebDriverWait(browser, Duration.ofSeconds(120)).until(d -> !d.getCurrentUrl().contains("/login"));
    for (CompletableFuture<HttpResponse<String>> f : slow) {
      assertEquals(200, f.join().statusCode());
    }
    assertTrue(browser.findElement(By.tagName("body")).getText().contains("林小雨"), "signed in as the worker");
    assertEquals(Boolean.TRUE, app.one("SELECT kept FROM web_session WHERE account_id = "
        + "(SELECT id FROM account WHERE username = 'worker')"), "with the choice made before the queue");
  }
}
