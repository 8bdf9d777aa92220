package org.qinglan.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.qinglan.testing.HeadlessChrome;
import org.qinglan.testing.TestApp;

/**
 * On a phone: the home page leads a worker to an overdue assigned course, the course page shows
 * its due date, and a lesson's table scrolls sideways inside the lesson instead of widening the page.
 */
class AssignedCourseBrowserTest {
  static final String COURSE = "社区工作者上岗培训（综合）";
  static TestApp app;
  static ChromeDriver browser;

  @BeforeAll
  static void start() throws Exception {
    app = TestApp.withDemoData();
    app.update("""
        INSERT INTO course_assignment (id, course_id, assigned_by, account_id, due_date)
        VALUES (gen_random_uuid(), 'induction-post-entry', (SELECT id FROM account WHERE username = 'organiser'),
                (SELECT id FROM account WHERE username = 'worker'), DATE '2026-01-15')
        """);
    // Enrolled already (the prerequisites were taken elsewhere), so the lessons open.
    app.enrol("worker", "induction-post-entry");
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

  @Test
  void fromTheHomePageToTheAssignedCourseAndAWideTable() {
    browser.get(app.baseUrl() + "/login");
    browser.findElement(By.name("username")).sendKeys("worker");
    browser.findElement(By.name("password")).sendKeys(TestApp.DEMO_PASSWORD);
    browser.findElement(By.cssSelector("button.primary")).click();
    waitUpTo(10).until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));

    String home = browser.findElement(By.tagName("main")).getText();
    assertTrue(home.contains("截止 2026-01-15") && home.contains("已逾期"), home);
    assertFalse(home.contains("陆续开放"), home);
    browser.findElement(By.linkText(COURSE)).click();
    waitUpTo(10).until(ExpectedConditions.urlContains("/courses/induction-post-entry"));
    assertTrue(browser.findElement(By.tagName("main")).getText().contains("指派课程 · 截止 2026-01-15"));

    browser.get(app.baseUrl() + "/courses/induction-post-entry/lessons/m1-l1");
    assertFalse(browser.findElements(By.cssSelector("article.lesson-body .table-scroll table")).isEmpty(),
        "the lesson's Markdown table is a table");
    assertFalse(browser.findElement(By.cssSelector("article.lesson-body")).getText().contains("|---"));
    assertEquals("auto", browser.executeScript(
        "return getComputedStyle(document.querySelector('.table-scroll')).overflowX;"));
    Object pageFits = browser.executeScript(
        "return document.documentElement.scrollWidth <= window.innerWidth;");
    assertEquals(Boolean.TRUE, pageFits, "the page itself does not scroll sideways");
  }
}
