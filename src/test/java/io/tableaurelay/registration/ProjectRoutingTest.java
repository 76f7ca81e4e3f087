package io.tableaurelay.registration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
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
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.tableaurelay.registration.TableauStandIn.API;
import static io.tableaurelay.registration.TableauStandIn.TOKEN;
import static io.tableaurelay.registration.TableauStandIn.error;
import static io.tableaurelay.support.ChannelStandIn.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two Slack channels, as README's "Route by project" sets them up: the shipped one takes every failure, a second
 * channel file (slack-finance.yaml, not in the repository) takes only failures of items in projects named Finance*,
 * learned from Tableau's REST API through a WireMock stand-in.
 */
@Tag("relay")
class ProjectRoutingTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String FINANCE_HOOK = "/slack/hook/T000/B000/FINANCE";
    private static final String Q4_CLOSE = "11111111-1111-4111-8111-111111111111";
    private static final String CAMPAIGNS = "22222222-2222-4222-8222-222222222222";
    private static final String LEDGER = "33333333-3333-4333-8333-333333333333";
    private static final String MARKER = "44444444-4444-4444-8444-444444444444";
    private static final String FINANCE_CHANNEL = """
            # Slack for the finance team: failures of items in Finance projects only.
            - templatedRoute:
                routeTemplateRef: channel
                routeId: slack-finance
                parameters:
                  - name: name
                    value: Slack (Finance)
                  - name: needs
                    value: slack-finance.webhook-url
                  - name: events
                    value: "*Failed"
                  - name: projects
                    value: "Finance*"
                  - name: kind
                    value: slack
                  - name: template
                    value: slack.json.vm
                  - name: endpoint
                    value: "slack:?webhookUrl=RAW({{slack-finance.webhook-url}})"
                  - name: secrets
                    value: slack-finance.webhook-url
            """;

    @RegisterExtension
    final ChannelStandIn slack = new ChannelStandIn();
    private TableauStandIn tableau;

    @TempDir
    Path moreRoutes;

    @BeforeEach
    void standIns() throws IOException {
        Files.writeString(moreRoutes.resolve("slack-finance.yaml"), FINANCE_CHANNEL);
        slack.answer(FINANCE_HOOK, aResponse().withStatus(200).withBody("ok"));
        tableau = TableauStandIn.signingIn("finance", TOKEN);
        tableau.itemsIn("workbooks", Q4_CLOSE, "Finance Reporting");
        tableau.itemsIn("workbooks", CAMPAIGNS, "Marketing");
        tableau.itemsIn("datasources", LEDGER, "Finance");
        tableau.itemsIn("workbooks", MARKER, "Finance");
    }

    @AfterEach
    void stopTableau() {
        tableau.close();
    }

    @Test
    void theFinanceChannelTakesOnlyFailuresInFinanceProjectsWhileTheOtherTakesEveryFailure() {
        try (RunningRelay relay = RunningRelay.start(settings(), moreRoutes)) {
            relay.post(Events.eventAbout("WorkbookRefreshFailed", "EXTRACTS", "Q4 close", Q4_CLOSE));
            relay.post(Events.eventAbout("WorkbookRefreshFailed", "EXTRACTS", "Campaigns", CAMPAIGNS));
            relay.post(Events.eventAbout("DatasourceRefreshFailed", "EXTRACTS", "Ledger", LEDGER));
            relay.post(Events.eventAbout("WorkbookUpdated", "WORKBOOK", "Q4 close edited", Q4_CLOSE));
            relay.post(Events.eventAbout("UserDeleted", "USER", "someone@example.com", "55555555-5555-4555-8555-555555555555"));
            relay.post(Events.eventAbout("WorkbookRefreshFailed", "EXTRACTS", "marker", MARKER));

            List<String> finance = await("the marker in the finance channel", WAIT, this::financeItems,
                    items -> items.contains("marker"));
            assertEquals(List.of("Q4 close", "Ledger", "marker"), finance, "queues are first in, first out");
            List<String> everyFailure = await("the marker in the main channel", WAIT, this::mainItems,
                    items -> items.contains("marker"));
            assertEquals(List.of("Q4 close", "Campaigns", "Ledger", "someone@example.com", "marker"), everyFailure);
        }
    }

    @Test
    void whileTableauCannotSayAnItemsProjectTheFinanceChannelTakesItRatherThanLoseIt() {
        tableau.server.stubFor(get(urlPathMatching(API + "/sites/.*")).atPriority(1).willReturn(error(500, "500000", "Down")));
        try (RunningRelay relay = RunningRelay.start(settings(), moreRoutes)) {
            relay.post(Events.eventAbout("WorkbookRefreshFailed", "EXTRACTS", "Campaigns", CAMPAIGNS));

            await("the event in the finance channel", WAIT, this::financeItems, items -> items.contains("Campaigns"));
            await("the event in the main channel", WAIT, this::mainItems, items -> items.contains("Campaigns"));
        }
    }

    @Test
    void withoutATableauSignInTheFinanceChannelTakesEveryFailureAndTheLogSaysSo() {
        Map<String, String> withoutTableau = settings();
        withoutTableau.keySet().removeIf(name -> name.startsWith("tableau."));
        try (CapturedLog log = CapturedLog.capture(); RunningRelay relay = RunningRelay.start(withoutTableau, moreRoutes)) {
            assertTrue(log.contains("WARN Slack (Finance) filters on projects or site names, which only Tableau can tell: "
                    + "without a Tableau sign-in (tableau.server-url, tableau.pat-name and tableau.pat-secret) it takes "
                    + "every event"), log.text());
            relay.post(Events.eventAbout("WorkbookRefreshFailed", "EXTRACTS", "Campaigns", CAMPAIGNS));

            await("the event in the finance channel", WAIT, this::financeItems, items -> items.contains("Campaigns"));
        }
        assertEquals(0, tableau.server.getAllServeEvents().size(), "Tableau was not asked");
    }

    private Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>();
        settings.put("slack.webhook-url", slack.base() + ChannelStandIn.SLACK_HOOK);
        settings.put("slack-finance.webhook-url", slack.base() + FINANCE_HOOK);
        settings.put("tableau.server-url", tableau.url());
        settings.put("tableau.site", "finance");
        settings.put("tableau.pat-name", TableauStandIn.PAT_NAME);
        settings.put("tableau.pat-secret", TableauStandIn.PAT_SECRET);
        return settings;
    }

    private List<String> financeItems() {
        return items(slack.posted(FINANCE_HOOK));
    }

    private List<String> mainItems() {
        return items(slack.posted(ChannelStandIn.SLACK_HOOK));
    }

    /** The item names in Slack messages, in the order they arrived. */
    private static List<String> items(List<LoggedRequest> messages) {
        return messages.stream().map(Received::slackText)
                .map(text -> text.substring(text.lastIndexOf(": ") + 2, text.lastIndexOf(" (")))
                .toList();
    }
}
