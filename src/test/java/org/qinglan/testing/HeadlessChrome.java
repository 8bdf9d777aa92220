package org.qinglan.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium and chromedriver, headless, with a phone-sized window. .ci/run installs
 * them; on a machine without them the browser tests are skipped with a message (and fail in CI,
 * where CI is set).
 *
 * <p>Starting chromium (and its driver) costs seconds of CPU, so a test class hands its browser
 * back ({@link #release}) instead of quitting it, and the next class of the same JVM gets it
 * with no cookies, on a blank page, phone-sized again. Each class's node has a port of its own,
 * so nothing else a page kept (storage, cache) is seen by the next class. Every browser still
 * running when the JVM ends is quit then.
 */
public final class HeadlessChrome {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  private static final Dimension PHONE = new Dimension(390, 844);
  private static final Duration IMPLICIT_WAIT = Duration.ofSeconds(5);
  /**
   * How often a test's explicit wait looks again (Selenium's default, 500 ms, is added in full to
   * most waits for a navigation; a look is one cheap request to chromedriver).
   */
  public static final Duration POLL = Duration.ofMillis(50);

  /** Chromium's own temporary files (profile, singleton socket), removed when the JVM ends. */
  private static Path scratch;
  /** Browsers handed back by finished test classes, for the next ones. */
  private static final Deque<ChromeDriver> idle = new ArrayDeque<>();
  /** Every browser started and not quit yet. */
  private static final Set<ChromeDriver> running = new HashSet<>();

  private HeadlessChrome() {
  }

  private static synchronized Path scratch() {
    if (scratch == null) {
      try {
        scratch = Files.createTempDirectory("qinglan-chromium");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Path dir = scratch;
      // Browsers first: chromium keeps files in the folder until it has quit.
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        quitAll();
        TempDirs.delete(dir);
      }, "quit-chromium"));
    }
    return scratch;
  }

  /** A phone-sized browser with no cookies on a blank page: an idle one if there is one, else a new one. */
  public static ChromeDriver phone() {
    synchronized (HeadlessChrome.class) {
      for (ChromeDriver d = idle.poll(); d != null; d = idle.poll()) {
        if (responds(d)) {
          return d;
        }
        quitQuietly(d);
      }
    }
    return start();
  }

  /**
   * Hands a browser back for the next test class, cleared: no cookies (they are not kept apart
   * by port), no open dialog, a blank page (which stops the last page's scripts and timers), the
   * phone size and the usual implicit wait. A browser that does not answer is quit instead.
   */
  public static void release(ChromeDriver d) {
    if (d == null) {
      return;
    }
    try {
      try {
        d.switchTo().alert().dismiss();
      } catch (NoAlertPresentException none) {
        // the usual case
      }
      d.get("about:blank");
      d.executeCdpCommand("Network.clearBrowserCookies", Map.of());
      d.manage().timeouts().implicitlyWait(IMPLICIT_WAIT);
      d.manage().window().setSize(PHONE);
    } catch (RuntimeException e) {
      quitQuietly(d);
      return;
    }
    synchronized (HeadlessChrome.class) {
      idle.push(d);
    }
  }

  /**
   * A wait that looks again every {@link #POLL} and rides through the moment of a navigation, when
   * the driver may briefly fail to answer.
   */
  public static org.openqa.selenium.support.ui.WebDriverWait waitUpTo(ChromeDriver d, int seconds) {
    var wait = new org.openqa.selenium.support.ui.WebDriverWait(d, Duration.ofSeconds(seconds), POLL);
    wait.ignoring(org.openqa.selenium.WebDriverException.class);
    return wait;
  }

  /** Signs in through the sign-in form as a person would, starting with no cookies. */
  public static void signIn(ChromeDriver d, String baseUrl, String username, String password) {
    d.manage().deleteAllCookies();
    d.get(baseUrl + "/login");
    d.findElement(By.name("username")).sendKeys(username);
    d.findElement(By.name("password")).sendKeys(password);
    d.findElement(By.cssSelector("button[type=submit].primary")).click();
    waitUpTo(d, 10).until(org.openqa.selenium.support.ui.ExpectedConditions.not(
        org.openqa.selenium.support.ui.ExpectedConditions.urlContains("/login")));
  }

  /**
   * Whether the page as loaded shows no element found by {@code by}. A plain {@code findElements}
   * that finds none first waits out the whole implicit wait (5 s); a page loaded by {@code get}, a
   * click or a wait for its URL is complete, so there is nothing to wait for.
   */
  public static boolean noneOnPage(ChromeDriver d, By by) {
    d.manage().timeouts().implicitlyWait(Duration.ZERO);
    try {
      return d.findElements(by).isEmpty();
    } finally {
      d.manage().timeouts().implicitlyWait(IMPLICIT_WAIT);
    }
  }

  private static synchronized void quitAll() {
    idle.clear();
    for (ChromeDriver d : List.copyOf(running)) {
      quitQuietly(d);
    }
  }

  private static boolean responds(ChromeDriver d) {
    try {
      d.getWindowHandle();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static void quitQuietly(ChromeDriver d) {
    synchronized (HeadlessChrome.class) {
      running.remove(d);
    }
    try {
      d.quit();
    } catch (RuntimeException e) {
      System.err.println("Could not quit a browser: " + e.getMessage());
    }
  }

  private static ChromeDriver start() {
    boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
    String missing = "chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)";
    // A skip in @BeforeAll counts no test at all in Maven's summary: in CI (which installs them) it must fail.
    if (!installed && System.getenv("CI") != null) {
      throw new IllegalStateException(missing);
    }
    if (!installed) {
      System.err.println("SKIPPED browser test: " + missing);
    }
    Assumptions.assumeTrue(installed, missing);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--lang=zh-CN");
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
        .usingAnyFreePort().withEnvironment(Map.of("TMPDIR", scratch().toString())).build();
    ChromeDriver driver = new ChromeDriver(service, options);
    synchronized (HeadlessChrome.class) {
      running.add(driver);
    }
    driver.manage().window().setSize(PHONE);
    driver.manage().timeouts().implicitlyWait(IMPLICIT_WAIT);
    return driver;
  }
}
