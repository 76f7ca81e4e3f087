package io.tableaurelay.action;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.tableaurelay.registration.TableauStandIn;
import io.tableaurelay.support.CapturedLog;
import io.tableaurelay.support.ChannelStandIn;
import io.tableaurelay.support.Events;
import io.tableaurelay.support.Metrics;
import io.tableaurelay.support.Received;
import io.tableaurelay.support.RunningRelay;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.tableaurelay.support.ChannelStandIn.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The action links of a failed refresh's Slack message, used over HTTP against the running relay: a GET only shows a
 * page, the POST acts; forged and expired links change nothing; a mute keeps failures from every channel until the
 * item recovers, across a restart, and the recovery says who muted it; Tableau's refusal of a refresh is shown.
 */
@Tag("relay")
class ActionLinksTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String SECRET = "actions-secret-0123456789abcdef";
    private static final String OTHER = "9c9c9c9c-1111-2222-3333-444455556666";
    private static final Pattern LINK = Pattern.compile("<https://relay\\.example\\.com(/actions/[^|>]+)\\|([^>]+)>");

    @RegisterExtension
    final ChannelStandIn channels = new ChannelStandIn();

    @Test
    void aPreviewChangesNothingTheButtonMutesEveryChannelAndTheRecoverySaysWhoMuted() {
        try (RunningRelay relay = start(Map.of())) {
            String mute = links(failure(relay, "Sales", "2026-11-29T17:00:00Z")).get("Mute until it recovers");

            HttpResponse<String> preview = relay.send(HttpRequest.newBuilder(relay.url(mute)).GET());
            assertEquals(200, preview.statusCode());
            assertTrue(preview.body().contains("<form method=\"post\"><button type=\"submit\">Mute until it recovers"),
                    preview.body());
            assertTrue(preview.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
            failure(relay, "Sales", "2026-11-29T17:05:00Z"); // the preview did not mute: this one arrives

            HttpResponse<String> muted = post(relay, mute);
            assertEquals(200, muted.statusCode());
            assertTrue(muted.body().contains("Sales (workbook) is muted until it recovers"), muted.body());
            relay.post(Events.eventAt("WorkbookRefreshFailed", "EXTRACTS", "Sales", Events.LUID,
                    "2026-11-29T17:10:00Z"));
            failureOf(relay, "Marker", OTHER, "2026-11-29T17:11:00Z");
            assertEquals(List.of("Sales", "Sales", "Marker"), names(channels.slack()), "the muted failure is not sent");
            assertEquals(List.of("Sales", "Sales", "Marker"), names(await("Teams", WAIT, channels::teams,
                    list -> names(list).contains("Marker"))), "on no channel");
            assertEquals(1, mutedInDeliveryLog(relay, "slack"));
            assertEquals(1, mutedInDeliveryLog(relay, "teams"));
            JsonNode mutes = Received.json(relay.manage("/admin/mutes").body()).path("mutes");
            assertEquals(1, mutes.size(), mutes.toString());
            assertEquals("Sales", mutes.path(0).path("name").asText());
            assertEquals("a link from slack", mutes.path(0).path("by").asText());
            assertEquals("", mutes.path(0).path("until").asText(), "until it recovers");
            JsonNode action = actions(relay, "ActionMute").path(0);
            assertEquals("Sales (workbook)", action.path("item").asText());
            assertEquals("a link from slack", action.path("resource").asText());
            assertEquals("done", action.path("channels").path("actions").path("outcome").asText());

            relay.post(Events.eventAt("WorkbookRefreshSucceeded", "EXTRACTS", "Sales", Events.LUID,
                    "2026-11-29T17:20:00Z"));
            List<LoggedRequest> slack = await("the recovery", WAIT, channels::slack, list -> list.size() == 4);
            assertTrue(Received.slackText(slack.get(3)).matches("(?s).*recovered after \\d failures?, muted by a link "
                    + "from slack at \\d\\d:\\d\\d UTC.*"), Received.slackText(slack.get(3)));
            failure(relay, "Sales", "2026-11-29T17:30:00Z"); // the mute is over
            assertEquals(0, Received.json(relay.manage("/admin/mutes").body()).path("mutes").size());
            assertEquals(1.0, Metrics.scrape(relay).value("relay_actions_total", "action", "mute", "outcome", "done"));
        }
    }

    @Test
    void anAdminLiftsAMuteAndTheDeliveryLogSaysSo() {
        try (RunningRelay relay = start(Map.of())) {
            String snooze = links(failure(relay, "Sales", "2026-11-29T17:00:00Z")).get("Snooze 4 h");
            assertTrue(post(relay, snooze).body().contains("Sales (workbook) is snoozed until "));
            String item = Received.json(relay.manage("/admin/mutes").body()).path("mutes").path(0).path("item").asText();
            assertEquals(Events.SITE + "/" + Events.LUID, item);

            assertEquals(400, admin(relay, "/admin/mutes/lift?item=nonsense").statusCode());
            assertEquals(200, admin(relay, "/admin/mutes/lift?item=" + item).statusCode());
            assertEquals(404, admin(relay, "/admin/mutes/lift?item=" + item).statusCode(), "lifted already");
            failure(relay, "Sales", "2026-11-29T17:05:00Z"); // sent again
            JsonNode lift = actions(relay, "ActionLift").path(0);
            assertEquals("an admin", lift.path("resource").asText());
            assertTrue(lift.path("channels").path("actions").path("lastError").asText()
                    .startsWith("was muted by a link from slack until "), lift.toString());
        }
    }

    @Test
    void forgedAndAlteredLinksGetAPlainPageAndChangeNothing() {
        try (RunningRelay relay = start(Map.of())) {
            String mute = links(failure(relay, "Sales", "2026-11-29T17:00:00Z")).get("Mute until it recovers");
            String token = mute.substring("/actions/".length());
            String fields = token.substring(0, token.indexOf('.'));
            String otherSignature = links(failureOf(relay, "Other", OTHER, "2026-11-29T17:01:00Z"))
                    .get("Mute until it recovers").substring(token.indexOf('.') + "/actions/".length());
            String altered = "/actions/" + fields.substring(0, fields.length() - 2)
                    + (fields.endsWith("AA") ? "BB" : "AA") + token.substring(token.indexOf('.'));

            for (String forged : List.of(altered, "/actions/" + fields + otherSignature, "/actions/not-a-link")) {
                HttpResponse<String> answer = post(relay, forged);
                assertTrue(answer.statusCode() == 403 || answer.statusCode() == 400, forged + ": " + answer.statusCode());
                assertTrue(answer.body().contains("Nothing was changed") || answer.body().contains("not an action link"),
                        answer.body());
                assertFalse(answer.body().contains("<form"), answer.body());
            }
            failure(relay, "Sales", "2026-11-29T17:05:00Z"); // not muted
            assertEquals(3.0, Metrics.scrape(relay).value("relay_actions_total", "action", "unknown", "outcome",
                    "refused"));
        }
    }

    @Test
    void theLinksAreRateLimitedLikeTheWebhook() {
        try (RunningRelay relay = start(Map.of("webhook.rate-limit-per-minute", "3"))) {
            String mute = links(failure(relay, "Sales", "2026-11-29T17:00:00Z")).get("Mute until it recovers");
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                statuses.add(relay.send(HttpRequest.newBuilder(relay.url(mute)).GET()).statusCode());
            }
            assertEquals(List.of(200, 200, 200, 429), statuses, "3 a minute from one address, counted apart from the "
                    + "webhook's");
        }
    }

    @Test
    void anExpiredLinkGetsAPlainPageAndChangesNothing() {
        try (RunningRelay relay = start(Map.of("actions.link-ttl", "1ms"))) {
            String snooze = links(failure(relay, "Sales", "2026-11-29T17:00:00Z")).get("Snooze 4 h");

            HttpResponse<String> answer = post(relay, snooze);
            assertEquals(410, answer.statusCode());
            assertTrue(answer.body().contains("This link expired at"), answer.body());
            failure(relay, "Sales", "2026-11-29T17:05:00Z"); // not snoozed
        }
    }

    @Test
    void aMuteOutlivesARestart() throws Exception {
        String dataDir = Files.createTempDirectory("relay-data").toString();
        try (RunningRelay relay = start(Map.of("relay.data-dir", dataDir))) {
            String mute = links(failure(relay, "Sales", "2026-11-29T17:00:00Z")).get("Mute until it recovers");
            assertEquals(200, post(relay, mute).statusCode());
        }
        try (RunningRelay relay = start(Map.of("relay.data-dir", dataDir))) {
            relay.post(Events.eventAt("WorkbookRefreshFailed", "EXTRACTS", "Sales", Events.LUID,
                    "2026-11-29T17:10:00Z"));
            failureOf(relay, "Marker", OTHER, "2026-11-29T17:11:00Z");
            assertEquals(List.of("Sales", "Marker"), names(channels.slack()), "still muted after the restart");
        }
        assertTrue(Files.isDirectory(Path.of(dataDir)));
    }

    @Test
    void refreshNowRunsTableausUpdateNowOrSaysWhyTableauRefused() {
        try (TableauStandIn tableau = new TableauStandIn(); CapturedLog log = CapturedLog.capture()) {
            tableau.signInGives("marketing", TableauStandIn.TOKEN);
            tableau.signOutAccepted(TableauStandIn.TOKEN);
            tableau.itemsIn("workbooks", ".*", "Finance");
            tableau.itemsIn("datasources", ".*", "Finance");
            tableau.refreshStarts("workbooks", Events.LUID, "7c3d599e-949f-44c3-94a1-f30ba85757e4");
            tableau.refreshRefused("datasources", OTHER, 409, "409093", "Resource Conflict");
            try (RunningRelay relay = start(Map.of("tableau.server-url", tableau.url(), "tableau.site", "marketing",
                    "tableau.pat-name", TableauStandIn.PAT_NAME, "tableau.pat-secret", TableauStandIn.PAT_SECRET))) {
                relay.post(onTableausSite("WorkbookRefreshFailed", "Sales", Events.LUID));
                String workbook = links(await("Sales", WAIT, channels::slack, list -> list.size() == 1).get(0))
                        .get("Refresh now");
                relay.post(onTableausSite("DatasourceRefreshFailed", "Superstore", OTHER));
                String datasource = links(await("Superstore", WAIT, channels::slack, list -> list.size() == 2).get(1))
                        .get("Refresh now");

                HttpResponse<String> started = post(relay, workbook);
                assertEquals(200, started.statusCode());
                assertTrue(started.body().contains("Tableau started the refresh of Sales (workbook) (job "
                        + "7c3d599e-949f-44c3-94a1-f30ba85757e4)"), started.body());
                HttpResponse<String> refused = post(relay, datasource);
                assertEquals(502, refused.statusCode());
                assertTrue(refused.body().contains("Tableau did not start the refresh of Superstore (data source): "
                        + "Tableau answered HTTP 409 to refresh datasources " + OTHER + ": error 409093 (Resource "
                        + "Conflict)"), refused.body());
            }
            log.lines().forEach(line -> assertFalse(line.contains(SECRET) || line.contains(TableauStandIn.PAT_SECRET)
                    || line.contains("/actions/ey"), line));
        }
    }

    private RunningRelay start(Map<String, String> changes) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "slack.webhook-url", channels.base() + ChannelStandIn.SLACK_HOOK,
                "slack.events", "*",
                "slack.notify-recovery", "true",
                "teams.webhook-url", channels.base() + ChannelStandIn.TEAMS_HOOK + ChannelStandIn.TEAMS_QUERY,
                "actions.base-url", "https://relay.example.com",
                "actions.secret", SECRET));
        settings.putAll(changes);
        return RunningRelay.start(settings);
    }

    /** Posts a failed refresh of the workbook {@link Events#LUID} and returns its Slack message. */
    private LoggedRequest failure(RunningRelay relay, String name, String createdAt) {
        return failureOf(relay, name, Events.LUID, createdAt);
    }

    private LoggedRequest failureOf(RunningRelay relay, String name, String luid, String createdAt) {
        int before = channels.slack().size();
        assertEquals(200, relay.post(Events.eventAt("WorkbookRefreshFailed", "EXTRACTS", name, luid, createdAt))
                .statusCode());
        return await(name + " in Slack", WAIT, channels::slack, list -> list.size() > before).get(before);
    }

    private static String onTableausSite(String type, String name, String luid) {
        return Events.eventAt(type, "EXTRACTS", name, luid, Events.CREATED_AT)
                .replace(Events.SITE, TableauStandIn.SITE_ID);
    }

    private static HttpResponse<String> post(RunningRelay relay, String path) {
        return relay.send(HttpRequest.newBuilder(relay.url(path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** The message's links by their words: the path of each under actions.base-url. */
    private static Map<String, String> links(LoggedRequest slack) {
        Map<String, String> links = new HashMap<>();
        Matcher matcher = LINK.matcher(Received.json(slack).path("blocks").toString().replace("\\u0026", "&"));
        while (matcher.find()) {
            links.put(matcher.group(2), matcher.group(1));
        }
        assertEquals(3, links.size(), Received.json(slack).toString());
        return links;
    }

    private static List<String> names(List<LoggedRequest> messages) {
        return messages.stream().map(message -> {
            String text = Received.json(message).toString();
            return text.contains("Marker") ? "Marker" : text.contains("Sales") ? "Sales" : "?";
        }).toList();
    }

    private static HttpResponse<String> admin(RunningRelay relay, String path) {
        return relay.admin("POST", path, null);
    }

    /** The delivery log's entries of one kind of action ("ActionMute"), newest first. */
    private static JsonNode actions(RunningRelay relay, String type) {
        return Received.json(relay.manage("/admin/deliveries?eventType=" + type).body()).path("deliveries");
    }

    /** How many events the delivery log shows as muted on the channel. */
    private static int mutedInDeliveryLog(RunningRelay relay, String channel) {
        JsonNode log = Received.json(relay.manage("/admin/deliveries?channel=" + channel + "&outcome=muted").body());
        return log.path("deliveries").size();
    }
}
