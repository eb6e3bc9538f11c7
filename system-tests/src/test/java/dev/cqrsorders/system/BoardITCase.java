package dev.cqrsorders.system;

import dev.cqrsorders.servers.FlinkRestClient;
import dev.cqrsorders.servers.LocalServers;
import dev.cqrsorders.servers.Server;
import dev.cqrsorders.servers.WithLocalServers;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The live order board ({@code GET /board/}) in a real browser — headless Chromium driven by Selenium — on the real
 * system: an order_updates event changes an order's status and the board's row changes without a reload; the
 * status filter shows only matching orders. Needs Debian's {@code chromium} and {@code chromium-driver} (.ci/run
 * installs them).
 */
@WithLocalServers({Server.MARIADB, Server.KAFKA, Server.POSTGRES, Server.FLINK})
class BoardITCase {
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver"));

    @Test
    void aStatusEventChangesTheOrdersRowOnTheOpenBoard(LocalServers stack) throws Exception {
        assertThat(CHROMIUM).as("Chromium (apt-get install chromium chromium-driver)").isExecutable();
        assertThat(CHROMEDRIVER).as("chromedriver (apt-get install chromium-driver)").isExecutable();
        LocalSystem.seedShop(stack, 5, 20, 21);
        long order;
        try (Connection mysql = stack.mariaDb().connectAsApp("shop")) {
            order = LocalSystem.count(mysql, "SELECT MAX(order_id) FROM orders");
        }
        String jobId = LocalSystem.submitJob(stack);
        try (LocalSystem.ServingApi api = LocalSystem.startServingApi(stack)) {
            WebDriver browser = chromium();
            try {
                showsTheChange(browser, api.url(), stack, order);
            } finally {
                browser.quit();
            }
        } finally {
            new FlinkRestClient(stack.flink().restUrl()).cancel(jobId);
        }
    }

    private static void showsTheChange(WebDriver browser, String api, LocalServers stack, long order) throws Exception {
        browser.get(api + "/board/");
        By row = By.id("order-" + order);
        await("the order on the board").atMost(Duration.ofSeconds(90)).ignoreExceptions()
                .until(() -> browser.findElement(row).isDisplayed());
        assertThat(browser.findElement(By.id("connection")).getText()).isEqualTo("live");

        LocalSystem.sendOrderUpdate(stack, UUID.randomUUID().toString(), order, "cancelled", Instant.now());
        await("the row changed by the event").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> status(browser.findElement(row)).equals("cancelled"));
        // for a look at the board as the test saw it
        File screenshot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(screenshot.toPath(), Path.of("target", "board.png"), StandardCopyOption.REPLACE_EXISTING);

        new Select(browser.findElement(By.id("status"))).selectByValue("cancelled");
        await("the cancelled orders only").atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            assertThat(status(browser.findElement(row))).isEqualTo("cancelled");
            assertThat(browser.findElements(By.cssSelector("#orders tbody tr")))
                    .allSatisfy(r -> assertThat(r.getDomAttribute("data-status")).isEqualTo("cancelled"));
        });
        new Select(browser.findElement(By.id("status"))).selectByValue("preparing");
        await("not among the preparing orders").atMost(Duration.ofSeconds(30))
                .until(() -> browser.findElements(row).isEmpty()
                        && browser.findElement(By.id("connection")).getText().equals("live"));
    }

    private static String status(WebElement row) {
        return row.getDomAttribute("data-status");
    }

    private static WebDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,900");
        ChromeDriverService driver = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(driver, options);
    }
}
