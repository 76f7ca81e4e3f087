package io.tableaurelay.registration;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
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

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.tableaurelay.registration.TableauStandIn.API;
import static io.tableaurelay.registration.TableauStandIn.PAT_SECRET;
import static io.tableaurelay.registration.TableauStandIn.SITE_ID;
import static io.tableaurelay.registration.TableauStandIn.TOKEN;
import static io.tableaurelay.registration.TableauStandIn.backgroundJob;
import static io.tableaurelay.registration.TableauStandIn.failedRefreshesAnswer;
import static io.tableaurelay.registration.TableauStandIn.json;
import static io.tableaurelay.support.ChannelStandIn.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Why a refresh failed, in the messages: the relay asks a WireMock stand-in of Tableau for the item's failed refresh
 * job and that job's notes, once for all channels of the event, and sends without the reason when Tableau is slow.
 */
@Tag("relay")
class FailureReasonTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String LUID = Events.LUID;
    private static final String OTHER_LUID = "0b0b0b0b-1111-2222-3333-444455556666";
    private static final String OUR_JOB = "bb1aab79-db54-4e96-9dd3-461d8f081d08";
    private static final String OTHER_JOB = "cc2bbc80-ec65-4fa7-aee4-572e9f192e19";
    /** The notes of tsc's job_get_by_id_failed_workbook.xml, with a real line break. */
    private static final String NOTES = "java.lang.RuntimeException: [Microsoft][ODBC Driver 17 for SQL Server][SQL "
            + "Server]Login failed for user.\\nIntegrated authentication failed.";
    private static final String REASON = "[Microsoft][ODBC Driver 17 for SQL Server][SQL Server]Login failed for "
            + "user. Integrated authentication failed.";

    @RegisterExtension
    final ChannelStandIn channels = new ChannelStandIn();
    private TableauStandIn tableau;
    private CapturedLog log;

    @BeforeEach
    void standIns() {
        tableau = TableauStandIn.signingIn("marketing", TOKEN);
        log = CapturedLog.capture();
        tableau.itemsIn("workbooks", ".*", "Finance");
    }

    @AfterEach
    void close() {
        log.close();
        tableau.close();
    }

    @Test
    void slackTeamsAndForwardSayWhyInTableausWordsAskedOnceForAllChannels() {
        // two failed refreshes titled "Superstore": the newer is another workbook's, the older ours
        tableau.listsFailedRefreshes(backgroundJob(OTHER_JOB, "2026-11-29T17:12:00Z", "Superstore"),
                backgroundJob(OUR_JOB, "2026-11-29T17:10:00Z", "Superstore"));
        tableau.failedRefreshJob(OTHER_JOB, "workbook", OTHER_LUID, "not this one");
        tableau.failedRefreshJob(OUR_JOB, "workbook", LUID, NOTES);

        try (RunningRelay relay = start(Map.of())) {
            assertEquals(200, relay.post(Events.event("WorkbookRefreshFailed", "EXTRACTS", "Superstore"))
                    .statusCode());
            LoggedRequest slack = await("Slack", WAIT, channels::slack, list -> !list.isEmpty()).get(0);
            LoggedRequest teams = await("Teams", WAIT, channels::teams, list -> !list.isEmpty()).get(0);
            LoggedRequest forward = await("forward", WAIT, channels::forward, list -> !list.isEmpty()).get(0);

            String jobs = tableau.url() + "/#/site/marketing/jobs";
            assertEquals("*Why:* " + REASON + " · <" + jobs + "|Jobs in Tableau>",
                    Received.json(slack).path("blocks").path(1).path("text").path("text").asText());
            String teamsText = Received.json(teams).path("attachments").path(0).path("content").path("body")
                    .path(2).path("text").asText();
            assertTrue(teamsText.startsWith("**Why:** \\[Microsoft\\]\\[ODBC Driver 17 for SQL Server\\]"), teamsText);
            assertTrue(teamsText.endsWith("[Jobs in Tableau](" + jobs + ")"), teamsText);
            JsonNode forwarded = Received.json(forward);
            assertEquals(REASON, forwarded.path("reason").asText());
            assertEquals(jobs, forwarded.path("jobLink").asText());
        }
        List<LoggedRequest> listed = tableau.received(getRequestedFor(urlPathEqualTo(jobsPath())));
        assertEquals(1, listed.size(), "three channels, one question");
        String filter = listed.get(0).queryParameter("filter").firstValue();
        assertEquals("jobType:eq:refresh_extracts,status:eq:Failed,createdAt:gte:2026-11-28T17:14:45Z,"
                + "createdAt:lte:2026-11-29T17:15:45Z,title:eq:Superstore", filter);
        assertEquals("", tableau.unmatched());
        log.lines().forEach(line -> assertFalse(line.contains(PAT_SECRET) || line.contains(TOKEN), line));
    }

    @Test
    void noFailedJobOfTheItemMeansNoReasonLine() {
        tableau.listsFailedRefreshes(backgroundJob(OTHER_JOB, "2026-11-29T17:12:00Z", "Superstore"));
        tableau.failedRefreshJob(OTHER_JOB, "workbook", OTHER_LUID, "not this one");

        try (RunningRelay relay = start(Map.of())) {
            relay.post(Events.event("WorkbookRefreshFailed", "EXTRACTS", "Superstore"));
            LoggedRequest slack = await("Slack", WAIT, channels::slack, list -> !list.isEmpty()).get(0);

            assertEquals("context", Received.json(slack).path("blocks").path(1).path("type").asText(),
                    "no reason block: " + Received.json(slack));
            assertFalse(Received.json(channels.forward().get(0)).toString().contains("not this one"));
        }
    }

    @Test
    void aSlowTableauHoldsNoMessageLongerThanTheReasonWaitAndTheReasonNeverComesLater() {
        tableau.server.stubFor(tableau.failedRefreshesCall().willReturn(json(200,
                failedRefreshesAnswer(backgroundJob(OUR_JOB, "2026-11-29T17:10:00Z", "Superstore")))
                .withFixedDelay(4000)));
        tableau.failedRefreshJob(OUR_JOB, "workbook", LUID, NOTES);

        try (RunningRelay relay = start(Map.of("tableau.reason-wait", "1s", "slack.events", "*RefreshFailed,"
                + "*RefreshSucceeded", "teams.webhook-url", "", "forward.url", ""))) {
            relay.post(Events.event("WorkbookRefreshSucceeded", "EXTRACTS", "Warm-up"));
            await("warm-up in Slack", WAIT, channels::slack, list -> list.size() == 1);

            Instant posted = Instant.now();
            relay.post(Events.event("WorkbookRefreshFailed", "EXTRACTS", "Superstore"));
            LoggedRequest failure = await("failure in Slack", WAIT, channels::slack, list -> list.size() == 2).get(1);
            Duration took = Duration.between(posted, Instant.now());

            assertTrue(took.compareTo(Duration.ofMillis(3500)) < 0, "waited " + took + " for a 4 s Tableau");
            assertFalse(Received.slackText(failure).contains("Why"), Received.slackText(failure));
            // a later event arrives, and nothing came between: the reason never follows on its own
            relay.post(Events.eventAbout("WorkbookRefreshSucceeded", "EXTRACTS", "Superstore", LUID));
            List<LoggedRequest> all = await("recovery in Slack", WAIT, channels::slack, list -> list.size() >= 3);
            assertEquals(3, all.size());
            assertTrue(Received.slackText(all.get(2)).contains("Superstore"), Received.slackText(all.get(2)));
        }
        assertTrue(log.contains("WARN Tableau did not say within 1000 ms why the refresh of " + LUID + " failed"),
                String.join("\n", log.lines()));
    }

    private static String jobsPath() {
        return API + "/sites/" + SITE_ID + "/jobs";
    }

    private RunningRelay start(Map<String, String> changes) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "slack.webhook-url", channels.base() + ChannelStandIn.SLACK_HOOK,
                "slack.events", "*",
                "teams.webhook-url", channels.base() + ChannelStandIn.TEAMS_HOOK + ChannelStandIn.TEAMS_QUERY,
                "forward.url", channels.base() + ChannelStandIn.FORWARD_HOOK,
                "tableau.server-url", tableau.url(),
                "tableau.site", "marketing",
                "tableau.api-version", "3.19",
                "tableau.pat-name", TableauStandIn.PAT_NAME,
                "tableau.pat-secret", PAT_SECRET));
        settings.putAll(changes);
        return RunningRelay.start(settings);
    }
}
