package io.tableaurelay.registration;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.tableaurelay.support.CapturedLog;
import io.tableaurelay.support.ChannelStandIn;
import io.tableaurelay.support.Events;
import io.tableaurelay.support.Received;
import io.tableaurelay.support.RunningRelay;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.tableaurelay.registration.TableauStandIn.API;
import static io.tableaurelay.registration.TableauStandIn.AUTH;
import static io.tableaurelay.registration.TableauStandIn.PAT_SECRET;
import static io.tableaurelay.registration.TableauStandIn.SITE_ID;
import static io.tableaurelay.registration.TableauStandIn.TOKEN;
import static io.tableaurelay.registration.TableauStandIn.error;
import static io.tableaurelay.registration.TableauStandIn.json;
import static io.tableaurelay.support.ChannelStandIn.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The link to the item in Tableau in Slack messages: looked up through a WireMock stand-in of Tableau's REST
 * API, remembered per item, and left out, without holding the message up, when Tableau cannot say.
 */
@Tag("relay")
class ItemLinkTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String LUID = "4a1f3a9e-6c1d-4a10-9d5c-5f7a0f2d9b11";
    private static final String WORKBOOK = API + "/sites/" + SITE_ID + "/workbooks/" + LUID;
    private static final String DATASOURCE = API + "/sites/" + SITE_ID + "/datasources/" + LUID;
    private static final String WORKBOOK_PAGE = "https://tableau.example.com/#/site/marketing/workbooks/1234";
    private static final String DATASOURCE_PAGE = "https://tableau.example.com/#/site/marketing/datasources/56";

    @RegisterExtension
    final ChannelStandIn channels = new ChannelStandIn();
    private TableauStandIn tableau;
    private CapturedLog log;

    @BeforeEach
    void standIns() {
        tableau = TableauStandIn.signingIn("marketing", TOKEN);
        log = CapturedLog.capture();
        tableau.listsFailedRefreshes(); // asked why a refresh failed: Tableau lists no failed job
    }

    @AfterEach
    void close() {
        log.close();
        tableau.close();
    }

    @Test
    void slackMessageLinksTheItemToItsPageInTableau() {
        answersWorkbookPage();
        tableau.server.stubFor(get(urlEqualTo(DATASOURCE)).withHeader(AUTH, equalTo(TOKEN))
                .willReturn(json(200, "{\"datasource\": {\"id\": \"" + LUID + "\", \"name\": \"Superstore\", "
                        + "\"webpageUrl\": \"" + DATASOURCE_PAGE + "\"}}")));

        try (RunningRelay relay = start()) {
            post(relay, "WorkbookRefreshFailed", "EXTRACTS", "Sales");
            post(relay, "WorkbookUpdated", "WORKBOOK", "Sales (edited)");
            post(relay, "DatasourceRefreshFailed", "EXTRACTS", "Superstore");
            post(relay, "WorkbookDeleted", "WORKBOOK", "Gone");
            List<LoggedRequest> messages = channels.slack();

            assertEquals("<" + WORKBOOK_PAGE + "|*Sales*>", itemLine(messages, "Sales"));
            assertEquals("<" + WORKBOOK_PAGE + "|*Sales (edited)*>", itemLine(messages, "Sales (edited)"));
            assertEquals("<" + DATASOURCE_PAGE + "|*Superstore*>", itemLine(messages, "Superstore"));
            assertEquals("*Gone*", itemLine(messages, "Gone"), "a deleted item has no page");
        }
        tableau.server.verify(1, getRequestedFor(urlEqualTo(WORKBOOK)));
        tableau.server.verify(1, getRequestedFor(urlEqualTo(DATASOURCE)));
        assertEquals(1, tableau.signIns(), "one session serves all lookups");
        assertEquals(1, tableau.signOuts(), "signed out when the relay stopped");
        assertEquals("", tableau.unmatched());
    }

    @Test
    void whenTableauFailsNewItemsGoOutWithoutLinkKnownOnesKeepTheirsAndTableauIsLeftAloneForAWhile() {
        answersWorkbookPage();

        try (RunningRelay relay = start()) {
            post(relay, "WorkbookRefreshFailed", "EXTRACTS", "Sales");
            tableau.server.stubFor(get(urlPathMatching(API + "/sites/.*")).atPriority(1)
                    .willReturn(error(500, "500000", "Oops")));
            post(relay, "DatasourceRefreshFailed", "EXTRACTS", "Superstore");
            post(relay, "WorkbookRefreshFailed", "EXTRACTS", "Sales again");
            post(relay, "DatasourceUpdated", "DATASOURCE", "Superstore again");
            List<LoggedRequest> messages = channels.slack();

            assertEquals("<" + WORKBOOK_PAGE + "|*Sales*>", itemLine(messages, "Sales"));
            assertEquals("*Superstore*", itemLine(messages, "Superstore"));
            assertEquals("<" + WORKBOOK_PAGE + "|*Sales again*>", itemLine(messages, "Sales again"), "remembered");
            assertEquals("*Superstore again*", itemLine(messages, "Superstore again"), "not asked for a minute");
        }
        tableau.server.verify(1, getRequestedFor(urlEqualTo(WORKBOOK)));
        tableau.server.verify(1, getRequestedFor(urlEqualTo(DATASOURCE)));
        assertTrue(log.contains("WARN Messages go out without links to Tableau for 60 s: Tableau answered HTTP 500 "
                + "to look up datasources " + LUID + ": error 500000 (Oops)"), String.join("\n", log.lines()));
        log.lines().forEach(line -> assertFalse(line.contains(PAT_SECRET) || line.contains(TOKEN), line));
    }

    @Test
    void anItemTableauDoesNotShowHasNoLinkAndIsAskedAboutAgain() {
        tableau.server.stubFor(get(urlEqualTo(DATASOURCE)).willReturn(error(404, "404004", "Not Found")));

        try (RunningRelay relay = start()) {
            post(relay, "DatasourceCreated", "DATASOURCE", "Brand new");
            post(relay, "DatasourceRefreshFailed", "EXTRACTS", "Brand new again");
            List<LoggedRequest> messages = channels.slack();

            assertEquals("*Brand new*", itemLine(messages, "Brand new"));
            assertEquals("*Brand new again*", itemLine(messages, "Brand new again"));
        }
        tableau.server.verify(2, getRequestedFor(urlEqualTo(DATASOURCE)));
        assertFalse(log.contains("WARN Messages go out without links"), "not a failure of Tableau");
    }

    private void answersWorkbookPage() {
        tableau.server.stubFor(get(urlEqualTo(WORKBOOK)).withHeader(AUTH, equalTo(TOKEN))
                .willReturn(json(200, "{\"workbook\": {\"id\": \"" + LUID + "\", \"name\": \"Sales\", "
                        + "\"webpageUrl\": \"" + WORKBOOK_PAGE + "\"}}")));
    }

    private RunningRelay start() {
        return RunningRelay.start(Map.of(
                "slack.webhook-url", channels.base() + ChannelStandIn.SLACK_HOOK,
                "slack.events", "*",
                "tableau.server-url", tableau.url(),
                "tableau.site", "marketing",
                "tableau.api-version", "3.19",
                "tableau.pat-name", TableauStandIn.PAT_NAME,
                "tableau.pat-secret", PAT_SECRET));
    }

    /** Posts one event and waits for its message, so that the lookups happen in a known order. */
    private void post(RunningRelay relay, String eventType, String resource, String name) {
        int before = channels.slack().size();
        assertEquals(200, relay.post(Events.event(eventType, resource, name)).statusCode());
        await(name + " in Slack", WAIT, channels::slack, list -> list.size() > before);
    }

    /** The second line of the message's section block: the item's name, linked or not. */
    private static String itemLine(List<LoggedRequest> messages, String name) {
        return messages.stream()
                .map(message -> Received.json(message).path("blocks").path(0).path("text").path("text").asText())
                .map(text -> text.substring(text.indexOf('\n') + 1))
                .filter(line -> line.startsWith("*" + name + "*") || line.contains("|*" + name + "*>"))
                .map(line -> line.substring(0, line.lastIndexOf(" (")))
                .findFirst().orElseThrow(() -> new AssertionError("no message about " + name));
    }
}
