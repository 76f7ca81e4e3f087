package io.tableaurelay.silence;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.tableaurelay.support.ChannelStandIn;
import io.tableaurelay.support.Events;
import io.tableaurelay.support.Metrics;
import io.tableaurelay.support.Received;
import io.tableaurelay.support.RunningRelay;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jms.core.JmsTemplate;

import static io.tableaurelay.support.ChannelStandIn.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Silences through the admin API: a silenced event is received, stored and recorded but not sent on the silenced
 * channel, the delivery log and the metric say so, a recovery still goes out on a channel with notify-recovery, a
 * silence can be extended and ended, bad silences get 400 with the reason, silences survive a restart, and one
 * whose change notice was lost is read within silences.reload-interval.
 */
@Tag("relay")
class SilencesTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SALES = "5a1e5000-0000-4000-8000-000000000001";

    @RegisterExtension
    final ChannelStandIn standIn = new ChannelStandIn();

    @Test
    void aSilencedEventIsRecordedButNotSentAndItsRecoveryIsSent() {
        try (RunningRelay relay = RunningRelay.start(settings(newDataDir()))) {
            HttpResponse<String> created = relay.admin("POST", "/admin/silences", """
                    {"items": ["Sales*"], "channels": "slack", "for": "2h", "comment": "extract migration, asked by Ana"}""");
            assertEquals(201, created.statusCode(), created.body());
            JsonNode silence = Received.json(created.body());
            String id = silence.path("id").asText();
            assertEquals("active", silence.path("state").asText());
            assertEquals(List.of("Sales*"), List.of(silence.path("items").get(0).asText()));

            String failed = Events.eventAt("DatasourceRefreshFailed", "EXTRACTS", "Sales Extract", SALES, "2026-11-29T06:00:00Z");
            assertEquals(200, relay.post(failed).statusCode(), "a silenced event is still received");
            relay.post(Events.eventAt("DatasourceRefreshFailed", "EXTRACTS", "Ops KPIs", Events.LUID, "2026-11-29T06:01:00Z"));
            await("the next event on Slack", WAIT, standIn::slack, sent -> Received.mentions(sent, "Ops KPIs"));
            assertFalse(Received.mentions(standIn.slack(), "Sales Extract"), "the silenced failure was not sent to Slack");
            JsonNode entry = await("the silenced failure delivered on IFTTT, which the silence does not name", WAIT,
                    () -> deliveryOf(relay, "Sales Extract"),
                    logged -> logged.path("channels").path("ifttt").path("outcome").asText().equals("delivered"));
            assertEquals("silenced", entry.path("channels").path("slack").path("outcome").asText(), entry.toString());
            assertEquals("silenced by " + id, entry.path("channels").path("slack").path("reason").asText());
            assertEquals(1, Metrics.scrape(relay).value("relay_events_silenced_total", "channel", "slack"));
            assertEquals(0, Metrics.scrape(relay).value("relay_events_silenced_total", "channel", "ifttt"));
            assertEquals(1, listed(relay, id).path("silenced").asInt());

            relay.post(Events.eventAt("DatasourceRefreshSucceeded", "EXTRACTS", "Sales Extract", SALES, "2026-11-29T07:00:00Z"));
            await("the recovery on Slack, which notifies recoveries", WAIT, standIn::slack,
                    sent -> Received.mentions(sent, "succeeded (recovered after"));
            assertEquals(1, listed(relay, id).path("silenced").asInt(), "the recovery was not held back");

            Instant end = Instant.parse(listed(relay, id).path("endsAt").asText());
            HttpResponse<String> extended = relay.admin("PATCH", "/admin/silences/" + id, "{\"for\": \"3h\"}");
            assertEquals(200, extended.statusCode(), extended.body());
            assertTrue(Instant.parse(Received.json(extended.body()).path("endsAt").asText()).isAfter(end.plusSeconds(3000)));

            HttpResponse<String> ended = relay.admin("DELETE", "/admin/silences/" + id, null);
            assertEquals(200, ended.statusCode(), ended.body());
            assertEquals("expired", listed(relay, id).path("state").asText(), "an ended silence stays listed");
            relay.post(Events.eventAt("DatasourceRefreshFailed", "EXTRACTS", "Sales Extract", SALES, "2026-11-29T08:00:00Z"));
            await("the failure after the silence ended", WAIT, standIn::slack,
                    sent -> sent.stream().map(Received::slackText).anyMatch(text -> text.contains("refresh failed: Sales Extract")));
            assertEquals(404, relay.admin("DELETE", "/admin/silences/no-such-silence", null).statusCode());
        }
    }

    @Test
    void aBadSilenceGets400WithTheReason() {
        try (RunningRelay relay = RunningRelay.start(settings(newDataDir()))) {
            assertRefused(relay, "{\"for\": \"2h\", \"comment\": \"all\"}", "a silence needs at least one of");
            assertRefused(relay, "{\"items\": \"Sales*\", \"for\": \"2h\"}", "a silence needs a comment");
            assertRefused(relay, "{\"item\": \"Sales*\", \"for\": \"2h\", \"comment\": \"c\"}", "unknown field item");
            assertRefused(relay, "{\"items\": \"Sales*\", \"comment\": \"c\"}", "a silence needs endsAt or for");
            assertRefused(relay, "{\"items\": \"Sales*\", \"for\": \"soon\", \"comment\": \"c\"}", "for must be a duration");
            assertRefused(relay, "{\"items\": \"Sales*\", \"endsAt\": \"2020-01-01T00:00:00Z\", \"comment\": \"c\"}",
                    "endsAt must be after startsAt and in the future");
            assertRefused(relay, "{\"channels\": \"fax\", \"for\": \"2h\", \"comment\": \"c\"}", "channels must be among");
            assertRefused(relay, "[1, 2]", "send the silence as a JSON object");
            assertRefused(relay, "{not json", "send the silence as a JSON object");
            assertEquals("{\"silences\":[]}", relay.admin("GET", "/admin/silences", null).body());
        }
    }

    @Test
    void silencesSurviveARestart() {
        Map<String, String> settings = settings(newDataDir());
        String id;
        try (RunningRelay relay = RunningRelay.start(settings)) {
            HttpResponse<String> created = relay.admin("POST", "/admin/silences",
                    "{\"eventTypes\": \"*RefreshFailed\", \"sites\": \"" + Events.SITE + "\", \"for\": \"1h\", \"comment\": \"backup\"}");
            assertEquals(201, created.statusCode(), created.body());
            id = Received.json(created.body()).path("id").asText();
        }
        try (RunningRelay relay = RunningRelay.start(settings)) {
            assertEquals("active", listed(relay, id).path("state").asText());
            relay.post(Events.eventAt("WorkbookRefreshFailed", "EXTRACTS", "Backed Up", SALES, "2026-11-29T06:00:00Z"));
            relay.post(Events.eventAt("WorkbookCreated", "WORKBOOK", "New Book", SALES, "2026-11-29T06:01:00Z"));
            await("the event the silence does not match", WAIT, standIn::slack, sent -> Received.mentions(sent, "New Book"));
            assertFalse(Received.mentions(standIn.slack(), "Backed Up"));
            assertEquals("silenced by " + id,
                    deliveryOf(relay, "Backed Up").path("channels").path("slack").path("reason").asText());
        }
    }

    @Test
    void aSilenceWhoseChangeNoticeWasLostIsReadWithinTheReloadInterval() {
        Map<String, String> settings = settings(newDataDir());
        settings.put("silences.reload-interval", "1s");
        try (RunningRelay relay = RunningRelay.start(settings)) {
            // what another instance stored while this one missed its notice on relay.silences.changed
            JmsTemplate broker = new JmsTemplate(relay.context().getRegistry()
                    .lookupByNameAndType("brokerConnections", ConnectionFactory.class));
            broker.send("relay.silences", session -> {
                TextMessage stored = session.createTextMessage("""
                        {"id": "lost-notice", "items": ["Sales*"], "startsAt": "2026-01-01T00:00:00Z",
                         "endsAt": "2099-01-01T00:00:00Z", "comment": "stored elsewhere",
                         "createdAt": "2026-01-01T00:00:00Z"}""");
                stored.setStringProperty("silenceId", "lost-notice");
                return stored;
            });
            await("the silence read on the timer", WAIT, () -> relay.admin("GET", "/admin/silences", null).body(),
                    body -> body.contains("lost-notice"));
            assertEquals("active", listed(relay, "lost-notice").path("state").asText());
        }
    }

    private static void assertRefused(RunningRelay relay, String body, String reason) {
        HttpResponse<String> refused = relay.admin("POST", "/admin/silences", body);
        assertEquals(400, refused.statusCode(), body + " -> " + refused.body());
        assertTrue(Received.json(refused.body()).path("error").asText().startsWith(reason), refused.body());
    }

    private static JsonNode listed(RunningRelay relay, String id) {
        HttpResponse<String> list = relay.admin("GET", "/admin/silences", null);
        assertEquals(200, list.statusCode(), list.body());
        for (JsonNode silence : Received.json(list.body()).path("silences")) {
            if (silence.path("id").asText().equals(id)) {
                return silence;
            }
        }
        throw new AssertionError("silence " + id + " is not listed: " + list.body());
    }

    /** The delivery log's entry about the item, or a missing node while there is none. */
    private static JsonNode deliveryOf(RunningRelay relay, String item) {
        for (JsonNode entry : Received.json(relay.manage("/admin/deliveries").body()).path("deliveries")) {
            if (entry.path("item").asText().equals(item)) {
                return entry;
            }
        }
        return MissingNode.getInstance();
    }

    private Map<String, String> settings(String dataDir) {
        Map<String, String> settings = new HashMap<>(standIn.allChannels());
        settings.put("twilio.account-sid", "");
        settings.put("slack.notify-recovery", "true");
        settings.put("relay.data-dir", dataDir);
        return settings;
    }

    private static String newDataDir() {
        try {
            return Files.createTempDirectory("relay-silences").toString();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
