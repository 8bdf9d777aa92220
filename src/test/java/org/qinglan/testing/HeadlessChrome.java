package org.qinglan.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium and chromedriver, headless, with a phone-sized window. .ci/run installs
 * them; on a machine without them the browser tests are skipped with a message (and fail in CI,
 * where CI is set).
 */
public final class HeadlessChrome {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  /** Chromium's own temporary files (profile, singleton socket), removed when the JVM ends. */
  private static Path scratch;

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
      Runtime.getRuntime().addShutdownHook(new Thread(() -> TempDirs.delete(dir)));
    }
    return scratch;
  }

  public static ChromeDriver phone() {
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
    driver.manage().window().setSize(new Dimension(390, 844));
    driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
    return driver;
  }
}
