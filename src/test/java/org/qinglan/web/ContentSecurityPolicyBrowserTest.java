package org.qinglan.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.qinglan.testing.HeadlessChrome;
import org.qinglan.testing.TestApp;

/** The pages work under their Content-Security-Policy: a real browser reports no violation on them. */
class ContentSecurityPolicyBrowserTest {
  static TestApp app;
  static ChromeDriver browser;
  /** The script added to every page of this class's browser, removed before the browser is handed back. */
  static String violationRecorder;

  @BeforeAll
  static void start() {
    app = TestApp.withDemoData();
    browser = HeadlessChrome.phone();
    // Runs before each page's own scripts (and is not subject to the policy): records every violation.
    violationRecorder = (String) browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
        window.__violations = [];
        document.addEventListener('securitypolicyviolation', function (e) {
          window.__violations.push(e.violatedDirective + ' ' + (e.blockedURI || e.sample || ''));
        });
        """)).get("identifier");
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null && violationRecorder != null) {
      browser.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", violationRecorder));
    }
    HeadlessChrome.release(browser);
    app.close();
  }

  @Test
  void thePagesOfEveryRoleRunWithoutViolations() {
    List<String> found = new ArrayList<>();
    visit("/login", found);
    signIn("worker");
    for (String page : List.of("/", "/courses", "/my/training", "/practice", "/mock-exams", "/cases")) {
      visit(page, found);
    }
    signIn("admin");
    for (String page : List.of("/org-units", "/accounts", "/workers", "/question-bank", "/training/compliance")) {
      visit(page, found);
    }
    assertEquals(List.of(), found);
  }

  private void signIn(String username) {
    browser.manage().deleteAllCookies();
    browser.get(app.baseUrl() + "/login");
    browser.findElement(By.name("username")).sendKeys(username);
    browser.findElement(By.name("password")).sendKeys(TestApp.DEMO_PASSWORD);
    browser.findElement(By.cssSelector("button.primary")).click();
    assertTrue(browser.manage().getCookies().stream().anyMatch(c -> c.getName().startsWith("qinglan")));
  }

  @SuppressWarnings("unchecked")
  private void visit(String path, List<String> found) {
    browser.get(app.baseUrl() + path);
    List<Object> violations = (List<Object>) browser.executeScript("return window.__violations || [];");
    violations.forEach(v -> found.add(path + ": " + v));
  }
}
