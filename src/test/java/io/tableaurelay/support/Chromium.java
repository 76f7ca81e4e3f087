package io.tableaurelay.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Debian's headless Chromium through chromium-driver, for the tests that look at a page as a person sees it. Where it is
 * not installed ({@code apt-get install chromium chromium-driver}) such a test is skipped with a message, unless the
 * environment variable {@value #REQUIRED} is 1: .ci/run sets it (and installs Chromium), so that CI fails rather than
 * passes without it.
 */
public final class Chromium {

    public static final String REQUIRED = "RELAY_REQUIRE_BROWSER_TEST";
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private Chromium() {
    }

    /** Skips the test where Chromium is missing, or fails it when {@value #REQUIRED} is 1. */
    public static void assumeInstalled() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        String missing = "this browser test needs " + CHROMIUM + " and " + CHROMEDRIVER
                + " (apt-get install chromium chromium-driver)";
        if (!installed && "1".equals(System.getenv(REQUIRED))) {
            fail(missing + "; " + REQUIRED + "=1 does not let it be skipped");
        }
        assumeTrue(installed, "Skipped: " + missing);
    }

    public static WebDriver start(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,900", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    /** The page, or one element of it, as it shows now, kept in the build directory as {@code name}. */
    public static Path screenshot(TakesScreenshot subject, String name) throws IOException {
        File shot = subject.getScreenshotAs(OutputType.FILE);
        Path target = Path.of(System.getProperty("relay.build.dir", "target"), name);
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }
}
