package io.tableaurelay.operations;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.tableaurelay.support.ChannelStandIn;
import io.tableaurelay.support.Events;
import io.tableaurelay.support.Metrics;
import io.tableaurelay.support.Received;
import io.tableaurelay.support.RunningRelay;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static io.tableaurelay.support.ChannelStandIn.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A scripted set of requests (accepted, duplicate, refused for bad input, a missing token and size; delivered,
 * retried, dead-lettered) moves each metric by exactly the expected amount, and the delivery log tells each
 * event's story.
 */
@Tag("relay")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsAndDeliveryLogTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SECRET = "metrics-test-secret-0001";
    private static final String ALPHA = Events.event("DatasourceRefreshFailed", "EXTRACTS", "Alpha");

    private ChannelStandIn standIn;
    private RunningRelay relay;
    private Metrics before;
    private Metrics after;

    @BeforeAll
    void runTheScript() {
        standIn = new ChannelStandIn();
        standIn.answerSlackWhenMentioned("Refused", aResponse().withStatus(400));
        standIn.answerIftttWithFailuresFirst(1, 500);
        Map<String, String> all = standIn.allChannels();
        relay = RunningRelay.start(Map.of(
                "slack.webhook-url", all.get("slack.webhook-url"),
                "slack.events", "*RefreshFailed",
                "ifttt.key", all.get("ifttt.key"),
                "ifttt.base-url", all.get("ifttt.base-url"),
                "ifttt.events", "WorkbookDeleted",
                "webhook.secret", SECRET,
                "delivery.max-attempts", "3"));
        before = Metrics.scrape(relay);

        assertEquals(200, post(ALPHA).statusCode());
        assertEquals(200, post(ALPHA).statusCode(), "Tableau's duplicate is answered like the original");
        assertEquals(200, post(Events.event("WorkbookRefreshFailed", "EXTRACTS", "Refused Beta")).statusCode());
        assertEquals(200, post(Events.event("WorkbookDeleted", "WORKBOOK", "Gamma")).statusCode());
        assertEquals(400, post("{").statusCode());
        assertEquals(401, relay.post(ALPHA).statusCode(), "no token");
        assertEquals(413, post("{\"event_type\": \"" + "x".repeat(70_000) + "\"}").statusCode());

        // the script is over when every message has had its outcome and no queue holds anything that could still
        // move a metric
        after = await("deliveries, a retry, a dead letter and empty queues", WAIT, () -> Metrics.scrape(relay),
                metrics -> metrics.value("relay_messages_delivered_total") >= 2
                        && metrics.value("relay_messages_dead_lettered_total") >= 1
                        && metrics.value("relay_dead_letter_messages", "channel", "slack") == 1
                        && Stream.of("slack", "ifttt").allMatch(metrics::queueEmpty));
    }

    @AfterAll
    void stop() {
        relay.close();
        standIn.close();
    }

    @Test
    void eachMetricMovesByExactlyTheExpectedAmount() {
        assertMoved(2, "relay_events_received_total", "event_type", "DatasourceRefreshFailed");
        assertMoved(1, "relay_events_received_total", "event_type", "WorkbookRefreshFailed");
        assertMoved(1, "relay_events_received_total", "event_type", "WorkbookDeleted");
        assertMoved(4, "relay_events_received_total");
        assertMoved(1, "relay_events_duplicate_total");

        assertMoved(1, "relay_requests_rejected_total", "reason", "bad_input");
        assertMoved(1, "relay_requests_rejected_total", "reason", "auth");
        assertMoved(1, "relay_requests_rejected_total", "reason", "size");
        assertMoved(0, "relay_requests_rejected_total", "reason", "forbidden");

        assertMoved(1, "relay_messages_delivered_total", "channel", "slack", "event_type", "DatasourceRefreshFailed");
        assertMoved(1, "relay_messages_delivered_total", "channel", "ifttt", "event_type", "WorkbookDeleted");
        assertMoved(2, "relay_messages_delivered_total");
        assertMoved(1, "relay_messages_retried_total", "channel", "ifttt", "event_type", "WorkbookDeleted");
        assertMoved(1, "relay_messages_retried_total");
        assertMoved(1, "relay_messages_dead_lettered_total", "channel", "slack", "event_type", "WorkbookRefreshFailed");
        assertMoved(1, "relay_messages_dead_lettered_total");

        assertMoved(1, "relay_delivery_latency_seconds_count", "channel", "slack");
        assertMoved(1, "relay_delivery_latency_seconds_count", "channel", "ifttt");
        assertTrue(after.value("relay_delivery_latency_seconds_sum", "channel", "ifttt") >= 0.1,
                "the retried IFTTT message took at least the retry delay");

        assertEquals(1, after.value("relay_dead_letter_messages", "channel", "slack"));
        assertEquals(0, after.value("relay_dead_letter_messages", "channel", "ifttt"));
        assertEquals(0, after.value("relay_queue_messages", "queue", "ifttt"));
        assertTrue(after.has("relay_queue_messages"), after.text());
        assertEquals(0, after.value("relay_registration_runs_total", "result", "success"));
    }

    @Test
    void theDeliveryLogTellsEachEventsStoryAndFilters() {
        JsonNode all = deliveries("");
        assertEquals(3, all.size(), "the duplicate is not a new entry: " + all);
        assertEquals("Gamma", all.get(0).path("item").asText(), "newest first");

        JsonNode deadLettered = deliveries("?channel=slack&outcome=dead-lettered");
        assertEquals(1, deadLettered.size(), deadLettered.toString());
        JsonNode beta = deadLettered.get(0);
        assertEquals("WorkbookRefreshFailed", beta.path("eventType").asText());
        assertEquals("Refused Beta", beta.path("item").asText());
        assertEquals(Events.SITE, beta.path("site").asText());
        assertEquals(1, beta.path("channels").path("slack").path("attempts").asInt());
        assertEquals("HTTP 400", beta.path("channels").path("slack").path("lastError").asText());
        assertFalse(beta.path("receivedAt").asText().isEmpty());

        JsonNode gamma = deliveries("?eventType=WorkbookDeleted");
        assertEquals(1, gamma.size(), gamma.toString());
        assertEquals("delivered", gamma.get(0).path("channels").path("ifttt").path("outcome").asText());
        assertEquals(2, gamma.get(0).path("channels").path("ifttt").path("attempts").asInt());
        assertEquals("HTTP 500", gamma.get(0).path("channels").path("ifttt").path("lastError").asText());

        assertEquals(2, deliveries("?outcome=delivered").size(), deliveries("").toString());
        assertEquals(0, deliveries("?channel=sms").size());
        assertEquals(1, deliveries("?limit=1").size());
    }

    @Test
    void noSecretInMetricsOrAdminOutput() {
        String everything = after.text() + deliveries("").toString()
                + relay.manage("/admin/status").body() + relay.manage("/observe/health?exposureLevel=full&data=true").body();
        for (String secret : new String[] {SECRET, ChannelStandIn.IFTTT_KEY, ChannelStandIn.SLACK_HOOK}) {
            assertFalse(everything.contains(secret), "printed " + secret);
        }
    }

    private void assertMoved(double expected, String name, String... labels) {
        assertEquals(expected, after.value(name, labels) - before.value(name, labels), name + " " + String.join(",", labels));
    }

    private JsonNode deliveries(String query) {
        HttpResponse<String> response = relay.manage("/admin/deliveries" + query);
        assertEquals(200, response.statusCode(), response.body());
        return Received.json(response.body()).path("deliveries");
    }

    private HttpResponse<String> post(String body) {
        return relay.send(HttpRequest.newBuilder(URI.create(relay.webhookUrl() + "?token=" + SECRET))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }
}
