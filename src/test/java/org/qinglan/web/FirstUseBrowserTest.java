package org.qinglan.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.qinglan.people.Role;
import org.qinglan.testing.HeadlessChrome;
import org.qinglan.testing.TestApp;

/**
 * What a new user tripped over (issue #12, items 22-24), read in a browser on a phone: every
 * role's home page shows what is built, no page a person reads shows internal ids or file syntax,
 * and a first password change is confirmed.
 */
class FirstUseBrowserTest {
  /** Ids of shipped items (case-001, i-prac-01-001, grid-01, m1-l1) and names of file formats. */
  static final Pattern INTERNAL = Pattern.compile(
      "\\b[a-z]+(?:-[a-z0-9]+)*-\\d{2,3}\\b|\\bm\\d+-(?:l\\d+|quiz)\\b|Markdown|markdown|GIFT|Moodle|\\.ya?ml|lessons/");
  static final Pattern COMING_SOON = Pattern.compile("即将|陆续开放|敬请期待");
  static TestApp app;
  static ChromeDriver browser;

  @BeforeAll
  static void start() throws Exception {
    app = TestApp.withDemoData();
    // Enrolled already, so the course's lessons open.
    app.enrol("worker", "inservice-grid-governance");
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

  private static void signIn(String username, String password) {
    HeadlessChrome.signIn(browser, app.baseUrl(), username, password);
  }


  /** The text a person reads on the page at {@code path}. */
  private static String read(String path) {
    browser.get(app.baseUrl() + path);
    return browser.findElement(By.tagName("main")).getText();
  }

  private static List<String> internals(String path, String text) {
    List<String> found = new ArrayList<>();
    Matcher m = INTERNAL.matcher(text);
    while (m.find()) {
      found.add(path + ": " + m.group());
    }
    return found;
  }

  @Test
  void everyRolesHomePageShowsWhatIsBuilt() {
    for (String role : List.of("worker", "mentor", "trainer", "citytrainer", "organiser", "judge", "admin")) {
      signIn(role, TestApp.DEMO_PASSWORD);
      String home = read("/");
      assertFalse(COMING_SOON.matcher(home).find(), role + "'s home page: " + home);
      assertTrue(home.contains("您好"), home);
    }
    signIn("worker", TestApp.DEMO_PASSWORD);
    String home = read("/");
    assertTrue(home.contains("我的学习") && home.contains("模拟考试") && home.contains("案例库"), home);
    signIn("trainer", TestApp.DEMO_PASSWORD);
    assertTrue(read("/").contains("写案例"));
  }

  @Test
  void thePagesAWorkerAndATrainerReadShowNoInternalIdsOrFileSyntax() {
    List<String> found = new ArrayList<>();
    signIn("worker", TestApp.DEMO_PASSWORD);
    browser.get(app.baseUrl() + "/practice/cases");
    String firstCase = browser.findElement(By.cssSelector("main a[href^='/practice/cases/']")).getAttribute("href");
    for (String path : List.of("/", "/courses", "/courses/inservice-grid-governance",
        "/courses/inservice-grid-governance/lessons/m1-l1", "/courses/inservice-grid-governance/lessons/m1-l3",
        "/practice", "/practice/cases", firstCase.substring(app.baseUrl().length()), "/mock-exams", "/cases",
        "/cases/case-001", "/my/training")) {
      found.addAll(internals(path, read(path)));
    }
    // Not the question bank's page: uploading and exporting GIFT or Moodle XML files is what it is for.
    signIn("trainer", TestApp.DEMO_PASSWORD);
    for (String path : List.of("/", "/cases/new", "/cases/mine", "/training/courses", "/training/courses/new")) {
      found.addAll(internals(path, read(path)));
    }
    assertEquals(List.of(), found);
  }

  @Test
  void aFirstPasswordChangeIsConfirmed() throws Exception {
    app.addStaff("first.login", "初次登录", "东湖区", Role.TRAINER);
    app.update("UPDATE account SET must_change_password = true WHERE username = 'first.login'");
    signIn("first.login", TestApp.DEMO_PASSWORD);
    waitUpTo(10).until(ExpectedConditions.urlContains("/password"));
    assertTrue(browser.findElement(By.tagName("main")).getText().contains("请先设置您自己的密码"));
    browser.findElement(By.name("current")).sendKeys(TestApp.DEMO_PASSWORD);
    browser.findElement(By.name("password")).sendKeys("Donghu-river-2031");
    browser.findElement(By.name("confirm")).sendKeys("Donghu-river-2031");
    browser.findElement(By.cssSelector("main button.primary")).click();
    String shown = waitUpTo(10).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".alert.success")))
        .getText();
    assertTrue(shown.contains("密码已修改"), shown);
    browser.findElement(By.linkText("进入首页")).click();
    waitUpTo(10).until(ExpectedConditions.not(ExpectedConditions.urlContains("/password")));
    assertTrue(browser.findElement(By.tagName("main")).getText().contains("您好，初次登录"));
  }
}
