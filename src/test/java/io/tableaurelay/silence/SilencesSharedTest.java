package io.tableaurelay.silence;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.tableaurelay.support.ChannelStandIn;
import io.tableaurelay.support.Events;
import io.tableaurelay.support.Received;
import io.tableaurelay.support.RunningRelay;
import io.tableaurelay.support.StandaloneArtemis;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static io.tableaurelay.support.ChannelStandIn.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Two relays on one standalone Artemis broker share their silences: one created on the relay that has no channel
 * on holds back the events of the other, and one ended on the other is ended for both.
 */
@Tag("relay")
@Tag("process")
class SilencesSharedTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aSilenceCreatedOnOneInstanceHoldsBackEventsOnTheOther() throws Exception {
        try (StandaloneArtemis broker = StandaloneArtemis.start(); ChannelStandIn standIn = new ChannelStandIn()) {
            Map<String, String> onBroker = new HashMap<>(Map.of("broker.url", broker.url(),
                    "broker.username", StandaloneArtemis.USER, "broker.password", StandaloneArtemis.PASSWORD));
            Map<String, String> withSlack = new HashMap<>(onBroker);
            withSlack.put("slack.webhook-url", standIn.allChannels().get("slack.webhook-url"));
            withSlack.put("slack.events", "*");
            try (RunningRelay sending = RunningRelay.start(withSlack); RunningRelay other = RunningRelay.start(onBroker)) {
                HttpResponse<String> created = other.admin("POST", "/admin/silences",
                        "{\"items\": \"Quiet*\", \"for\": \"1h\", \"comment\": \"shared\"}");
                assertEquals(201, created.statusCode(), created.body());
                String id = Received.json(created.body()).path("id").asText();
                await("the silence on the other instance", WAIT, () -> state(sending, id), "active"::equals);

                sending.post(Events.eventAt("DatasourceRefreshFailed", "EXTRACTS", "Quiet Source", Events.LUID,
                        "2026-11-29T06:00:00Z"));
                sending.post(Events.eventAt("DatasourceRefreshFailed", "EXTRACTS", "Loud Source", Events.LUID,
                        "2026-11-29T06:01:00Z"));
                await("the event after the silenced one", WAIT, standIn::slack, sent -> Received.mentions(sent, "Loud Source"));
                assertFalse(Received.mentions(standIn.slack(), "Quiet Source"));

                assertEquals(200, sending.admin("DELETE", "/admin/silences/" + id, null).statusCode());
                await("the end on the instance that created it", WAIT, () -> state(other, id), "expired"::equals);
            }
        }
    }

    private static String state(RunningRelay relay, String id) {
        for (JsonNode silence : Received.json(relay.admin("GET", "/admin/silences", null).body()).path("silences")) {
            if (silence.path("id").asText().equals(id)) {
                return silence.path("state").asText();
            }
        }
        return "not listed";
    }
}
