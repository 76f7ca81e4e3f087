package io.tableaurelay.operations;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.tableaurelay.support.ChannelStandIn;
import io.tableaurelay.support.Chromium;
import io.tableaurelay.support.Events;
import io.tableaurelay.support.Received;
import io.tableaurelay.support.RunningRelay;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static io.tableaurelay.support.ChannelStandIn.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The status page in a real browser (Debian's headless Chromium through chromium-driver): a posted event shows up
 * with each channel's outcome, the replay button sends a dead letter again, and a silence is created, shown with
 * what it held back, extended and ended. Skipped where Chromium is missing, except in CI ({@link Chromium}).
 */
@Tag("relay")
@Tag("process")
class StatusPageBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private ChannelStandIn standIn;
    private RunningRelay relay;
    private WebDriver browser;
    private Path profile;

    @BeforeEach
    void start() throws IOException {
        Chromium.assumeInstalled();
        standIn = new ChannelStandIn();
        standIn.answerSlackWhenMentioned("Refused", aResponse().withStatus(400));
        relay = RunningRelay.start(Map.of("slack.webhook-url", standIn.allChannels().get("slack.webhook-url"),
                "slack.events", "*"));
        profile = Files.createTempDirectory("chromium-profile");
        browser = Chromium.start(profile);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (relay != null) {
            relay.close();
        }
        if (standIn != null) {
            standIn.close();
        }
    }

    @Test
    void aPostedEventShowsUpWithItsOutcomeAndTheReplayButtonSendsADeadLetterAgain() throws IOException {
        relay.post(Events.event("DatasourceRefreshFailed", "EXTRACTS", "Browser Fine"));
        relay.post(Events.event("WorkbookRefreshFailed", "EXTRACTS", "Browser Refused"));
        await("the dead letter", WAIT, () -> relay.manage("/admin/dead-letters").body(),
                body -> body.contains("Browser Refused"));

        browser.get(relay.managementUrl("/status").toString());
        // the page redraws its tables as it polls: an element read during a redraw is looked up again
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        wait.ignoring(StaleElementReferenceException.class);
        wait.until(page -> outcome("Browser Fine").equals("slack: delivered"));
        wait.until(page -> outcome("Browser Refused").equals("slack: dead-lettered (HTTP 400)"));
        wait.until(page -> page.findElement(By.id("channel-slack")).findElements(By.tagName("td")).get(1).getText()
                .equals("on"));
        wait.until(page -> cellText("channel-slack", "dead-letters").equals("1"));
        wait.until(page -> cellText("channel-slack", "delivered").equals("1"));
        Chromium.screenshot((TakesScreenshot) browser, "status-page.png");

        standIn.answerAllWithSuccess();
        wait.until(page -> {
            WebElement replay = page.findElement(By.cssSelector("#channel-slack button.replay"));
            assertTrue(replay.isEnabled());
            replay.click();
            return true;
        });
        wait.until(page -> page.findElement(By.id("action-result")).getText().equals("Slack: 1 dead letter(s) replayed"));
        wait.until(page -> outcome("Browser Refused").startsWith("slack: delivered"));
        assertTrue(Received.mentions(standIn.slack(), "Browser Refused"), "the replayed message reached Slack");
    }

    @Test
    void aSilenceIsCreatedExtendedAndEndedOnThePage() {
        browser.get(relay.managementUrl("/status").toString());
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        wait.ignoring(StaleElementReferenceException.class);
        WebElement form = browser.findElement(By.id("new-silence"));
        form.findElement(By.name("items")).sendKeys("Browser Quiet*");
        form.findElement(By.name("channels")).sendKeys("slack");
        form.findElement(By.name("comment")).sendKeys("tried from the page");
        click(wait, By.id("create-silence"));
        WebElement row = wait.until(page -> page.findElement(By.cssSelector("#silences tbody tr[data-state=active]")));
        String id = row.getAttribute("id").substring("silence-".length());
        JsonNode created = silence(id);
        assertEquals("tried from the page", created.path("comment").asText());
        assertEquals("Browser Quiet*", created.path("items").get(0).asText());

        relay.post(Events.event("DatasourceRefreshFailed", "EXTRACTS", "Browser Quiet One"));
        relay.post(Events.event("WorkbookRefreshFailed", "EXTRACTS", "Browser Loud"));
        wait.until(page -> outcome("Browser Loud").equals("slack: delivered"));
        wait.until(page -> outcome("Browser Quiet One").equals("slack: silenced (silenced by " + id + ")"));
        wait.until(page -> cellText("silence-" + id, "silenced").equals("1"));
        assertFalse(Received.mentions(standIn.slack(), "Browser Quiet One"));

        Instant end = Instant.parse(created.path("endsAt").asText());
        click(wait, By.cssSelector("#silence-" + id + " button.extend"));
        wait.until(page -> Instant.parse(silence(id).path("endsAt").asText()).equals(end.plus(Duration.ofHours(1))));

        click(wait, By.cssSelector("#silence-" + id + " button.end"));
        wait.until(page -> page.findElement(By.id("silence-" + id)).getAttribute("data-state").equals("expired"));
        assertEquals("expired", silence(id).path("state").asText());
    }

    /** Clicks the element, found again should the page redraw it between finding and clicking. */
    private static void click(WebDriverWait wait, By element) {
        wait.until(page -> {
            page.findElement(element).click();
            return true;
        });
    }

    private JsonNode silence(String id) {
        for (JsonNode silence : Received.json(relay.manage("/admin/silences").body()).path("silences")) {
            if (silence.path("id").asText().equals(id)) {
                return silence;
            }
        }
        throw new AssertionError("no silence " + id);
    }

    /** The outcome badges of the delivery log row about {@code item}, or "" while there is none. */
    private String outcome(String item) {
        return browser.findElements(By.cssSelector("#deliveries tbody tr")).stream()
                .filter(row -> row.findElements(By.tagName("td")).get(2).getText().equals(item))
                .map(row -> row.findElements(By.tagName("td")).get(4).getText())
                .findFirst().orElse("");
    }

    private String cellText(String rowId, String cellClass) {
        return browser.findElement(By.cssSelector("#" + rowId + " td." + cellClass.split(" ")[0])).getText();
    }
}
