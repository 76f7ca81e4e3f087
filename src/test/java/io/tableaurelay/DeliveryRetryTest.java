package io.tableaurelay;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.tableaurelay.support.CapturedLog;
import io.tableaurelay.support.ChannelStandIn;
import io.tableaurelay.support.Events;
import io.tableaurelay.support.Metrics;
import io.tableaurelay.support.Received;
import io.tableaurelay.support.RunningRelay;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static io.tableaurelay.support.ChannelStandIn.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Failed sends are retried with backoff, parked in dead-letter queues, and replayed on request. */
@Tag("relay")
class DeliveryRetryTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    final ChannelStandIn standIn = new ChannelStandIn();
    private RunningRelay relay;

    @AfterEach
    void stop() {
        if (relay != null) {
            relay.close();
        }
    }

    private void startRelay(Map<String, String> changes) {
        relay = RunningRelay.start(standIn.allChannelsWith(changes));
    }

    @Test
    void aChannelAnswering503ForAWhileGetsEveryEventExactlyOnceAfterItRecovers() {
        standIn.answerIftttWithFailuresFirst(6, 503);
        startRelay(Map.of());

        List<String> names = IntStream.rangeClosed(1, 5).mapToObj(i -> "Outage " + i).toList();
        names.forEach(name -> assertEquals(200,
                relay.post(Events.event("WorkbookRefreshFailed", "EXTRACTS", name)).statusCode()));

        await("every event delivered to IFTTT", WAIT, () -> standIn.delivered("/ifttt/.*"),
                delivered -> delivered.size() >= names.size());
        // the relay's own record: every message delivered, and nothing left in the queue (where retries wait for
        // their time) that could reach IFTTT again
        Metrics done = await("the relay done with IFTTT", WAIT, () -> Metrics.scrape(relay), metrics ->
                metrics.value("relay_messages_delivered_total", "channel", "ifttt") >= names.size()
                        && metrics.queueEmpty("ifttt"));
        List<String> delivered = standIn.delivered("/ifttt/.*").stream().map(Received::iftttName).sorted().toList();
        assertEquals(names, delivered, "each event delivered exactly once");
        assertEquals(names.size(), done.value("relay_messages_delivered_total", "channel", "ifttt"));
        assertTrue(done.value("relay_messages_retried_total", "channel", "ifttt") >= 1, "the 503s were retried");
        assertEquals(names.size() + 6, standIn.ifttt().size(), "five deliveries and the six 503 answers");
    }

    @Test
    void aChannelThatKeepsFailingPausesAndItsBacklogWaitsInItsQueueUntilThePauseIsOver() {
        standIn.answerIftttWithFailuresFirst(3, 503);
        try (CapturedLog log = CapturedLog.capture()) {
            startRelay(Map.of("delivery.pause-after-failures", "3", "delivery.initial-delay-ms", "3000",
                    "delivery.max-delay-ms", "10000"));

            List<String> names = IntStream.rangeClosed(1, 10).mapToObj(i -> "Down " + i).toList();
            names.forEach(name -> assertEquals(200,
                    relay.post(Events.event("WorkbookRefreshFailed", "EXTRACTS", name)).statusCode()));

            await("every event delivered to IFTTT", WAIT, () -> standIn.delivered("/ifttt/.*"),
                    delivered -> delivered.size() >= names.size());
            List<LoggedRequest> attempts = standIn.ifttt();
            // the third 503 paused the channel for as long as that message's retry waits (3 s, less 20% jitter at
            // most); without the pause the next message would have followed within 200 ms (IFTTT's rate, 5 a second)
            long pauseMillis = attempts.get(3).getLoggedDate().getTime() - attempts.get(2).getLoggedDate().getTime();
            assertTrue(pauseMillis >= 2_000, "the attempt after the third failure came " + pauseMillis + " ms after it");
            assertTrue(log.contains("ifttt: 3 attempts in a row failed; the channel pauses for"), "the pause is logged");
            List<String> delivered = standIn.delivered("/ifttt/.*").stream().map(Received::iftttName).sorted().toList();
            assertEquals(names.stream().sorted().toList(), delivered, "each event delivered exactly once");
            assertEquals(names.size() + 3, attempts.size(), "ten deliveries and the three 503 answers");
        }
    }

    @Test
    void retryAfterIsRespected() {
        standIn.answerIftttWith429ThenSuccess(2);
        startRelay(Map.of());

        relay.post(Events.event("WorkbookRefreshFailed", "EXTRACTS", "Too Many"));
        List<LoggedRequest> attempts = await("a second attempt", WAIT, standIn::ifttt, list -> list.size() >= 2);

        long gapMillis = attempts.get(1).getLoggedDate().getTime() - attempts.get(0).getLoggedDate().getTime();
        assertTrue(gapMillis >= 2_000, "second attempt came " + gapMillis + " ms after the first");
        assertEquals(1, standIn.delivered("/ifttt/.*").size());
    }

    @Test
    void aPermanentErrorGoesStraightToTheDeadLetterQueueAndCanBeReplayed() {
        standIn.answerSlack(aResponse().withStatus(400).withBody("invalid_payload"));
        startRelay(Map.of());

        relay.post(Events.event("DatasourceRefreshFailed", "EXTRACTS", "Refused"));
        JsonNode letters = slackDeadLetters(1);
        JsonNode letter = letters.get(0);
        assertEquals("slack", letter.path("channel").asText());
        assertEquals("DatasourceRefreshFailed", letter.path("eventType").asText());
        assertEquals(1, letter.path("attempts").asInt());
        assertEquals("HTTP 400", letter.path("lastError").asText());
        assertEquals("Refused", letter.path("event").path("resourceName").asText());
        // the message waits in the dead-letter queue and nothing is left in Slack's queue: no retry can follow
        Metrics parked = await("the Slack queue empty", WAIT, () -> Metrics.scrape(relay),
                metrics -> metrics.queueEmpty("slack"));
        assertEquals(0, parked.value("relay_messages_retried_total", "channel", "slack"), "no retry after a 400");
        assertEquals(1, standIn.slack().size(), "no retry after a 400");

        standIn.answerAllWithSuccess();
        HttpResponse<String> replay = relay.admin("POST", "/admin/dead-letters/replay?channel=slack", null);
        assertEquals(200, replay.statusCode(), replay.body());
        assertEquals("{\"replayed\":1}", replay.body());
        LoggedRequest delivered = await("the replayed message", WAIT, standIn::slack, list -> !list.isEmpty()).get(0);
        assertTrue(Received.slackText(delivered).contains("Refused"));
        assertEquals(0, deadLetters().path("deadLetters").size());
    }

    @Test
    void afterTheLastAttemptTheMessageIsDeadLettered() {
        standIn.answerSlack(aResponse().withStatus(502));
        startRelay(Map.of("delivery.max-attempts", "3"));

        relay.post(Events.event("DatasourceRefreshFailed", "EXTRACTS", "Never"));
        JsonNode letter = slackDeadLetters(1).get(0);
        assertEquals(3, letter.path("attempts").asInt());
        assertEquals("HTTP 502", letter.path("lastError").asText());
        assertEquals(3, standIn.slack().size());
    }

    @Test
    void theAdminEndpointsAreNotOnThePublicPort() {
        startRelay(Map.of());
        assertEquals(404, relay.send(HttpRequest.newBuilder(relay.url("/admin/dead-letters")).GET()).statusCode());
        assertEquals(400, relay.send(HttpRequest.newBuilder(
                relay.managementUrl("/admin/dead-letters?channel=fax")).GET()).statusCode());
    }

    /**
     * Waits until the broker counts {@code count} messages in DLQ.slack, then lists the dead letters: browsing
     * a dead-letter queue while the broker is still creating it can fail.
     */
    private JsonNode slackDeadLetters(int count) {
        await("a dead letter in DLQ.slack", WAIT, () -> Metrics.scrape(relay),
                metrics -> metrics.value("relay_dead_letter_messages", "channel", "slack") == count);
        JsonNode letters = deadLetters().path("deadLetters");
        assertEquals(count, letters.size(), letters.toString());
        return letters;
    }

    private JsonNode deadLetters() {
        HttpResponse<String> response = relay.send(HttpRequest.newBuilder(relay.managementUrl("/admin/dead-letters")).GET());
        assertEquals(200, response.statusCode(), response.body());
        return Received.json(response.body());
    }
}
