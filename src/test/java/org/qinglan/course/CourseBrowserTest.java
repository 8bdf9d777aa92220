package org.qinglan.course;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.qinglan.testing.HeadlessChrome;
import org.qinglan.testing.TestApp;

/** A worker goes through a whole course on a phone-sized screen and the certificate's code verifies. */
class CourseBrowserTest {
  static TestApp app;
  @TempDir
  static Path contentDir;
  static ChromeDriver browser;

  @BeforeAll
  static void start() throws Exception {
    app = TestApp.withContent(CourseHttpTest.fixtureContent(contentDir));
    CourseHttpTest.current = app;
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

  private static void answerAllCorrectly() throws Exception {
    for (WebElement section : browser.findElements(By.cssSelector("section.exam-question"))) {
      String name = section.findElement(By.cssSelector("input")).getAttribute("name");
      List<Integer> key = CourseHttpTest.key(app, name.substring(2));
      List<WebElement> options = section.findElements(By.cssSelector("label.option"));
      for (int i : key) {
        options.get(i).click();
      }
    }
    browser.findElement(By.cssSelector("button.primary")).click();
  }

  @Test
  void wholeCourseOnAPhoneThenTheCertificateVerifies() throws Exception {
    browser.get(app.baseUrl() + "/login");
    browser.findElement(By.name("username")).sendKeys("w006");
    browser.findElement(By.name("password")).sendKeys(TestApp.DEMO_PASSWORD);
    browser.findElement(By.cssSelector("button.primary")).click();
    waitUpTo(10).until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));

    browser.get(app.baseUrl() + "/courses");
    browser.findElement(By.linkText("示范课程：职业伦理")).click();
    browser.findElement(By.xpath("//button[contains(., '报名学习')]")).click();
    browser.findElement(By.linkText("阅读一")).click();
    // Study the four lessons one after another with "学完了，下一课".
    for (int i = 0; i < 4; i++) {
      assertTrue(browser.findElement(By.cssSelector("article.lesson-body")).getText().length() > 100);
      String before = browser.getCurrentUrl();
      browser.findElement(By.cssSelector("form.form-actions button.primary")).click();
      waitUpTo(10).until(d -> !d.getCurrentUrl().equals(before));
    }
    assertTrue(browser.getPageSource().contains("本测验从题库中抽取 3 道题"), "the last step is the quiz");
    browser.findElement(By.xpath("//button[contains(., '开始测验')]")).click();
    answerAllCorrectly();
    waitUpTo(5).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".alert"), "通过"));
    browser.findElement(By.linkText("返回课程")).click();
    browser.findElement(By.xpath("//button[contains(., '开始结业考核')]")).click();
    answerAllCorrectly();
    waitUpTo(5).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".alert"), "通过"));
    browser.findElement(By.linkText("返回课程")).click();
    browser.findElement(By.linkText("查看证书")).click();

    String certificate = browser.findElement(By.cssSelector("article.certificate")).getText();
    assertTrue(certificate.contains("示范课程：职业伦理"), certificate);
    assertTrue(browser.findElement(By.cssSelector(".qr svg")).isDisplayed(), "the QR code is drawn");
    String verifyUrl = certificate.substring(certificate.indexOf("核验地址：") + 5).strip();
    // Printed on A4 it is one page (the print CSS hides the navigation and the print button).
    org.openqa.selenium.print.PrintOptions a4 = new org.openqa.selenium.print.PrintOptions();
    a4.setPageSize(new org.openqa.selenium.print.PageSize(29.7, 21.0));
    byte[] pdf = java.util.Base64.getDecoder().decode(browser.print(a4).getContent());
    java.nio.file.Files.write(java.nio.file.Path.of("target", "certificate-print.pdf"), pdf);
    String raw = new String(pdf, java.nio.charset.StandardCharsets.ISO_8859_1);
    assertTrue(raw.contains("/Count 1"), "one page");

    browser.manage().deleteAllCookies();
    browser.get(verifyUrl);
    String verified = browser.findElement(By.tagName("body")).getText();
    assertTrue(verified.contains("证书有效"), verified);
    assertTrue(verified.contains("示范课程：职业伦理"));
    assertFalse(browser.getCurrentUrl().contains("/login"), "verification needs no sign-in");
    browser.get(app.baseUrl() + "/verify/WXYZ-2345-6789");
    assertTrue(browser.findElement(By.tagName("body")).getText().contains("未找到编号为“WXYZ-2345-6789”的证书"));
  }
}
