package io.cradle.acs.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) driven through
 * Selenium, for dashboard tests: open a page, sign in and out, wait for what a page shows, save a
 * screenshot. Missing binaries are a test failure that says what to install, never a skip: CI
 * installs them.
 */
public final class Browser implements AutoCloseable {

  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private static final Duration WAIT = Duration.ofSeconds(20);

  private final URI base;
  private final Path scratch;
  private final Path singleton;
  private final ChromeDriverService service;
  private final ChromeDriver driver;

  private Browser(URI base, Path scratch, ChromeDriverService service, ChromeDriver driver) {
    this.base = base;
    this.scratch = scratch;
    this.singleton = singletonDirectory(scratch.resolve("profile"));
    this.service = service;
    this.driver = driver;
  }

  /** Starts a headless Chromium whose relative paths resolve against {@code base}. */
  public static Browser open(URI base) {
    for (Path binary : List.of(CHROMIUM, CHROMEDRIVER)) {
      if (!Files.isExecutable(binary)) {
        throw new AssertionError(
            binary
                + " is missing: the dashboard tests need a real browser; install it with"
                + " `apt-get install -y chromium chromium-driver` (.ci/run does)");
      }
    }
    // Chromium's profile and the shared-memory files --disable-dev-shm-usage puts in TMPDIR live in
    // one directory of this browser's, removed on close (with the singleton socket's directory):
    // test runs leave nothing in /tmp.
    Path scratch = createScratch();
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .withSilent(true)
            .withEnvironment(Map.of("TMPDIR", scratch.toString()))
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--user-data-dir=" + scratch.resolve("profile"),
        "--headless=new",
        "--no-sandbox", // CI runs as root, where Chromium's sandbox cannot start
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--no-first-run",
        "--disable-extensions",
        "--lang=en-US",
        "--window-size=1400,1000");
    // The page's console, so a test can say a page ran without script errors.
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(WAIT);
    return new Browser(base, scratch, service, driver);
  }

  private static Path createScratch() {
    try {
      return Files.createTempDirectory("cradle-browser");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public WebDriver driver() {
    return driver;
  }

  /** Opens a path of the ACS ({@code /ui/devices}) or a full URL. */
  public Browser go(String pathOrUrl) {
    driver.get(base.resolve(pathOrUrl).toString());
    return this;
  }

  /** The path (and query) of the page shown now. */
  public String path() {
    URI now = URI.create(driver.getCurrentUrl());
    return now.getRawPath() + (now.getRawQuery() == null ? "" : "?" + now.getRawQuery());
  }

  /** Signs in through the login form, starting from {@code next}; waits for that page. */
  public Browser signIn(String next, String username, String password) {
    go(next);
    if (!path().startsWith("/login")) {
      throw new AssertionError("expected the login form for " + next + ", got " + path());
    }
    find(By.id("username")).sendKeys(username);
    find(By.id("password")).sendKeys(password);
    find(By.cssSelector("form[action='/login'] button[type=submit]")).click();
    waitUntil(d -> !path().startsWith("/login"), "the login form to let " + username + " in");
    return this;
  }

  /** Presses the header's "Sign out" button; waits for the login page. */
  public Browser signOut() {
    find(By.cssSelector("form[action='/logout'] button[type=submit]")).click();
    waitUntil(d -> path().startsWith("/login"), "sign-out to end at the login page");
    return this;
  }

  public WebElement find(By by) {
    return waitUntil(d -> d.findElements(by).stream().findFirst().orElse(null), "element " + by);
  }

  public List<WebElement> findAll(By by) {
    return driver.findElements(by);
  }

  /** The page's visible text. */
  public String text() {
    return driver.findElement(By.tagName("body")).getText();
  }

  /** Waits until {@code condition} gives something other than null or false. */
  public <T> T waitUntil(Function<WebDriver, T> condition, String what) {
    try {
      // A page that reloads itself (live task status) replaces elements while they are read.
      return new WebDriverWait(driver, WAIT)
          .ignoring(StaleElementReferenceException.class)
          .withMessage("waiting for " + what)
          .until(condition::apply);
    } catch (org.openqa.selenium.TimeoutException e) {
      throw new AssertionError(
          "timed out waiting for " + what + " on " + path() + ":\n" + text(), e);
    }
  }

  /** The console's errors since the last call: failed scripts, failed loads of the page's parts. */
  public List<String> consoleErrors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .toList();
  }

  /**
   * Saves the whole page as {@code name} in the screenshot directory: {@code
   * -Dcradle.screenshots=DIR}, by default {@code target/screenshots} ({@code
   * -Dcradle.screenshots=../docs/screenshots} refreshes the README's pictures).
   */
  public Path screenshot(String name) {
    return screenshot(
        Path.of(System.getProperty("cradle.screenshots", "target/screenshots")).resolve(name));
  }

  /** Saves the whole page (as tall as it is, up to 1800 px) as a PNG. */
  public Path screenshot(Path file) {
    Dimension window = driver.manage().window().getSize();
    try {
      long height =
          ((Number) driver.executeScript("return document.documentElement.scrollHeight"))
              .longValue();
      driver
          .manage()
          .window()
          .setSize(new Dimension(window.getWidth(), (int) Math.min(1800, height + 120)));
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      driver.manage().window().setSize(window);
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      service.stop();
      deleteScratch();
    }
  }

  private void deleteScratch() {
    delete(scratch);
    if (singleton != null) {
      delete(singleton);
    }
  }

  /**
   * Where Chromium put its profile's single-instance socket: a directory of its own in /tmp
   * (org.chromium.Chromium.*, whatever TMPDIR says), linked from the profile and left behind when
   * the browser is quit; null if there is none.
   */
  private static Path singletonDirectory(Path profile) {
    try {
      Path socket = Files.readSymbolicLink(profile.resolve("SingletonSocket"));
      Path dir = socket.getParent();
      return dir != null && dir.getFileName().toString().startsWith("org.chromium.Chromium.")
          ? dir
          : null;
    } catch (IOException | UnsupportedOperationException e) {
      return null;
    }
  }

  private static void delete(Path tree) {
    if (!Files.exists(tree, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> files = Files.walk(tree)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
