package io.sahabot.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.util.FileSystemUtils;

/**
 * The console in headless Chromium, on the four services: a customer books through the page and
 * sees the confirmation; the tenant panel makes another number the owner, who asks for the week's
 * table and sees its image. Debian's {@code chromium} and {@code chromium-driver} (other paths with
 * {@code -Dsahabot.chromium=} and {@code -Dsahabot.chromedriver=}); the test is skipped without
 * them. Selenium is given the driver's path, so its manager never downloads anything. On failure
 * the page's screenshot and HTML are left in {@code target/console-browser/}.
 */
@EnabledIf(
    value = "browserInstalled",
    disabledReason =
        "no Chromium or chromedriver (apt-get install chromium chromium-driver, or set"
            + " -Dsahabot.chromium and -Dsahabot.chromedriver)")
@ExtendWith(RunningSystem.Extension.class)
class ConsoleBrowserIT {

  private static final Path CHROMIUM =
      Path.of(System.getProperty("sahabot.chromium", "/usr/bin/chromium"));
  private static final Path CHROMEDRIVER =
      Path.of(System.getProperty("sahabot.chromedriver", "/usr/bin/chromedriver"));
  private static final Path OUTPUT = Path.of("target", "console-browser").toAbsolutePath();
  private static final Duration REPLY = Duration.ofSeconds(60);

  private static final String BUSINESS = "700000000010";
  private static final String CUSTOMER = "905320000010";
  private static final String OWNER = "905329990010";

  private static ConsoleServer console;
  private static Path profile;
  private static ChromeDriver browser;

  @RegisterExtension
  static final AfterTestExecutionCallback SCREENSHOT_ON_FAILURE =
      context -> {
        if (context.getExecutionException().isPresent() && browser != null) {
          String name = context.getRequiredTestMethod().getName();
          Files.createDirectories(OUTPUT);
          Files.write(OUTPUT.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
          Files.writeString(
              OUTPUT.resolve(name + ".html"), browser.getPageSource(), StandardCharsets.UTF_8);
        }
      };

  static boolean browserInstalled() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  }

  @BeforeAll
  static void theConsoleInABrowser(RunningSystem system) throws IOException {
    console = ConsoleServer.start(0, system.ports());
    Files.createDirectories(OUTPUT);
    profile = Files.createTempDirectory(OUTPUT, "profile-");
    ChromeDriverService driver =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .withLogFile(OUTPUT.resolve("chromedriver.log").toFile())
            .build();
    ChromeOptions options =
        new ChromeOptions()
            .setBinary(CHROMIUM.toFile())
            .addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1280,1000",
                "--user-data-dir=" + profile);
    java.util.logging.Logger.getLogger("org.openqa.selenium").setLevel(Level.WARNING);
    browser = new ChromeDriver(driver, options);
    browser.get("http://127.0.0.1:" + console.port() + "/");
  }

  @AfterAll
  static void closeTheBrowser() throws IOException {
    if (browser != null) {
      browser.quit();
    }
    if (console != null) {
      console.close();
    }
    if (profile != null) {
      FileSystemUtils.deleteRecursively(profile);
    }
  }

  @Test
  void aCustomerBooksThroughThePageAndTheOwnerSeesTheWeeksTable() {
    // a customer books
    type("business", BUSINESS);
    type("sender", CUSTOMER);
    send("Perşembe 20:00-21:00 için saha ayırmak istiyorum");
    assertThat(messages("me")).containsExactly("Perşembe 20:00-21:00 için saha ayırmak istiyorum");
    await("the confirmation in the chat")
        .atMost(REPLY)
        .pollInterval(Duration.ofMillis(300))
        .untilAsserted(
            () -> assertThat(messages("bot")).anySatisfy(m -> assertThat(m).contains("onaylandı")));

    // the tenant panel makes another number an admin of this business
    browser.findElement(By.id("refresh-tenants")).click();
    wait(REPLY)
        .until(
            ExpectedConditions.elementToBeClickable(
                By.xpath("//table[@id='tenants']//tr[td[2][text()='" + BUSINESS + "']]")))
        .click();
    wait(Duration.ofSeconds(10))
        .until(ExpectedConditions.visibilityOfElementLocated(By.id("tenant-admins")));
    type("tenant-admins", OWNER);
    browser.findElement(By.id("save-tenant")).click();
    wait(Duration.ofSeconds(20))
        .until(ExpectedConditions.textToBe(By.id("tenant-message"), "Saved."));

    // the owner writes from the same page and asks for the week's table; the agent learns of the
    // new admin through tenant.changelog, so ask again until the answer is the owner's
    type("sender", OWNER);
    assertThat(messages("me")).as("the customer's conversation is put away").isEmpty();
    await("the week's table shown to the owner as an image")
        .atMost(REPLY)
        .pollInterval(Duration.ofSeconds(5))
        .until(
            () -> {
              if (tableImageShown()) {
                return true;
              }
              send("Bu haftanın tablosunu göster");
              return false;
            });
  }

  /** Whether a bot message holds an image the browser decoded (a real PNG, not a broken link). */
  private static boolean tableImageShown() {
    return (Boolean)
        ((JavascriptExecutor) browser)
            .executeScript(
                "return [...document.querySelectorAll('#chat .msg.bot img')]"
                    + ".some((i) => i.complete && i.naturalWidth > 0);");
  }

  private static void type(String id, String value) {
    WebElement input = browser.findElement(By.id(id));
    input.clear();
    // Tab leaves the field, as a person does: the page reacts to its change event
    input.sendKeys(value, Keys.TAB);
  }

  private static void send(String text) {
    browser.findElement(By.id("text")).sendKeys(text, Keys.ENTER);
  }

  private static List<String> messages(String from) {
    return browser.findElements(By.cssSelector("#chat .msg." + from)).stream()
        .map(WebElement::getText)
        .toList();
  }

  private static WebDriverWait wait(Duration timeout) {
    return new WebDriverWait(browser, timeout, Duration.ofMillis(200));
  }
}
