package io.tableaurelay.operations;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.tableaurelay.support.ChannelStandIn;
import io.tableaurelay.support.Events;
import io.tableaurelay.support.Received;
import io.tableaurelay.support.RunningRelay;
import io.tableaurelay.support.StandaloneArtemis;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static io.tableaurelay.support.ChannelStandIn.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /observe/health: ready follows the broker; a failing channel shows, without making the relay unready. */
@Tag("relay")
@Tag("process")
class HealthTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void notReadyWhileTheExternalBrokerIsStoppedAndReadyAgainWhenItReturns() throws Exception {
        try (StandaloneArtemis broker = StandaloneArtemis.start();
                RunningRelay relay = RunningRelay.start(Map.of("broker.url", broker.url(),
                        "broker.username", StandaloneArtemis.USER, "broker.password", StandaloneArtemis.PASSWORD))) {
            await("ready", WAIT, () -> relay.manage("/observe/health/ready"), response -> response.statusCode() == 200);
            assertEquals(200, relay.manage("/observe/health/live").statusCode());

            broker.stop();
            HttpResponse<String> notReady = await("not ready", WAIT, () -> relay.manage("/observe/health/ready"),
                    response -> response.statusCode() == 503);
            JsonNode checks = Received.json(notReady.body()).path("checks");
            assertTrue(checks.toString().contains("\"broker\""), notReady.body());
            assertTrue(notReady.body().contains("the broker cannot be reached"), notReady.body());
            assertTrue(!notReady.body().contains(StandaloneArtemis.PASSWORD), "no secret in health");

            broker.run();
            await("ready again", WAIT, () -> relay.manage("/observe/health/ready"),
                    response -> response.statusCode() == 200);
        }
    }

    @Test
    void aFailingChannelReportsItsLastErrorButTheRelayStaysReady() {
        try (ChannelStandIn standIn = new ChannelStandIn()) {
            standIn.answerSlack(aResponse().withStatus(500));
            try (RunningRelay relay = RunningRelay.start(Map.of(
                    "slack.webhook-url", standIn.allChannels().get("slack.webhook-url"), "slack.events", "*"))) {
                assertEquals(200, relay.manage("/observe/health/ready").statusCode());
                relay.post(Events.event("DatasourceRefreshFailed", "EXTRACTS", "Failing"));

                HttpResponse<String> health = await("the channel check down", WAIT,
                        () -> relay.manage("/observe/health?exposureLevel=full&data=true"),
                        response -> response.body().contains("HTTP 500"));
                JsonNode slack = check(health, "channel-slack");
                assertEquals("DOWN", slack.path("status").asText(), health.body());
                assertEquals("HTTP 500", slack.path("data").path("lastError").asText());
                assertTrue(slack.path("data").path("lastFailure").asText().startsWith("20"), health.body());
                assertEquals(0, slack.path("data").path("deadLetters").asInt());
                assertEquals("UP", check(health, "broker").path("status").asText());

                HttpResponse<String> ready = relay.manage("/observe/health/ready");
                assertEquals(200, ready.statusCode(), ready.body());
                assertEquals(200, relay.manage("/observe/health/live").statusCode());
            }
        }
    }

    private static JsonNode check(HttpResponse<String> health, String name) {
        for (JsonNode check : Received.json(health.body()).path("checks")) {
            if (check.path("name").asText().equals(name)) {
                return check;
            }
        }
        throw new AssertionError("no check " + name + " in " + health.body());
    }
}
