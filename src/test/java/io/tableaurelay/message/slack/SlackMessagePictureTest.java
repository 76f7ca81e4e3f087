package io.tableaurelay.message.slack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.model.Message;
import com.slack.api.util.json.GsonFactory;
import io.tableaurelay.event.HeaderNames;
import io.tableaurelay.message.Templates;
import io.tableaurelay.support.Chromium;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The picture of a Slack message with its buttons in docs/actions.md: the shipped template rendered by the relay's own
 * Slack message for a failed refresh with a reason and action buttons, its Block Kit drawn as plain HTML in Chromium
 * (sections, buttons, context line; no offline Slack client exists) and photographed to target/slack-message.png.
 */
@Tag("process")
class SlackMessagePictureTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LINK = Pattern.compile("<([^|>]+)\\|([^>]+)>");
    private static final Pattern BOLD = Pattern.compile("\\*([^*]+)\\*");
    private static final Map<String, String> EMOJI = Map.of(":red_circle:", "<span class=\"red-circle\"></span>");

    @Test
    void aFailedRefreshWithItsReasonAndButtons() throws Exception {
        Chromium.assumeInstalled();
        JsonNode message = JSON.readTree(GsonFactory.createSnakeCase().toJson(rendered()));
        Path page = Files.createTempFile("slack-message", ".html");
        Files.writeString(page, html(message.path("blocks")));
        Path profile = Files.createTempDirectory("chromium-profile");
        WebDriver browser = Chromium.start(profile);
        try {
            browser.get(page.toUri().toString());
            List<String> buttons = browser.findElements(By.tagName("button")).stream().map(WebElement::getText).toList();
            assertEquals(List.of("Refresh now", "Mute until it recovers", "Snooze 4h"), buttons);
            assertTrue(browser.findElement(By.tagName("body")).getText().contains("Why: Login failed for user"));
            Chromium.screenshot(browser.findElement(By.id("message")), "slack-message.png");
        } finally {
            browser.quit();
        }
    }

    /** What the relay sends Slack for a failed refresh, with a reason and action buttons. */
    private static Message rendered() {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(Templates.PROPERTY, "slack.json.vm");
        exchange.getMessage().setBody("""
                {"id": "e-1", "eventType": "DatasourceRefreshFailed", "resource": "EXTRACTS",
                 "resourceName": "Sales Extract", "createdAt": "2026-12-07T14:05:00Z"}""");
        String link = "https://relay.example.com/actions/";
        exchange.getMessage().setHeaders(Map.of(HeaderNames.FAILURE_REASON, "Login failed for user 'etl'.",
                HeaderNames.JOB_LINK, "https://tableau.example.com/#/site/marketing/jobs",
                HeaderNames.ITEM_URL, "https://tableau.example.com/#/site/marketing/datasources/56",
                HeaderNames.ITEM_PROJECT, "Finance", HeaderNames.REFRESH_LINK, link + "r", HeaderNames.MUTE_LINK, link + "m",
                HeaderNames.SNOOZE_LINK, link + "s", HeaderNames.SNOOZE_FOR, "4h", HeaderNames.ACTION_BUTTONS, "true"));
        return new SlackMessages(new Templates(Path.of("routes", "templates"))).render(exchange);
    }

    private static String html(JsonNode blocks) {
        String body = StreamSupport.stream(blocks.spliterator(), false).map(SlackMessagePictureTest::block)
                .collect(Collectors.joining("\n"));
        return """
                <!doctype html><html><head><meta charset="utf-8"><style>
                body { font: 15px/1.46 Lato, Helvetica, Arial, sans-serif; margin: 0; color: #1d1c1d; }
                .app { font-weight: 900; } .app small { color: #616061; font-weight: 400; }
                a { color: #1264a3; text-decoration: none; } p { margin: 4px 0 8px 0; }
                button { font: 700 13px Lato, Helvetica, Arial, sans-serif; padding: 6px 12px; background: #fff;
                         border: 1px solid #bbb; border-radius: 4px; margin-right: 6px; }
                .context { color: #616061; font-size: 12px; }
                #message { padding: 12px 16px; width: 600px; }
                .red-circle { display: inline-block; width: 14px; height: 14px; border-radius: 7px; background: #dd2e44;
                              vertical-align: -2px; }
                </style></head><body><div id="message"><div class="app">Tableau relay <small>APP 14:05</small></div>
                """ + body + "</div></body></html>";
    }

    private static String block(JsonNode block) {
        return switch (block.path("type").asText()) {
            case "section" -> "<p>" + mrkdwn(block.path("text").path("text").asText()) + "</p>";
            case "actions" -> "<p>" + StreamSupport.stream(block.path("elements").spliterator(), false)
                    .map(button -> "<button>" + button.path("text").path("text").asText() + "</button>")
                    .collect(Collectors.joining(" ")) + "</p>";
            case "context" -> "<p class=\"context\">" + mrkdwn(block.path("elements").get(0).path("text").asText()) + "</p>";
            default -> "";
        };
    }

    /** The few mrkdwn forms the shipped template writes: links, bold, line breaks, one emoji. */
    private static String mrkdwn(String text) {
        String html = LINK.matcher(text).replaceAll("<a href=\"$1\">$2</a>");
        html = BOLD.matcher(html).replaceAll("<b>$1</b>").replace("\n", "<br>");
        for (Map.Entry<String, String> emoji : EMOJI.entrySet()) {
            html = html.replace(emoji.getKey(), emoji.getValue());
        }
        return html;
    }
}
