package io.tableaurelay.operations;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.tableaurelay.support.ChannelStandIn;
import io.tableaurelay.support.Events;
import io.tableaurelay.support.Received;
import io.tableaurelay.support.RunningRelay;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static io.tableaurelay.support.ChannelStandIn.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The delivery log outlives a restart of the relay, and a damaged log file only means an empty log. */
@Tag("relay")
class DeliveryLogRestartTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void deliveriesBeforeARestartAreStillInTheLogAfterIt() throws Exception {
        Path dataDir = Files.createTempDirectory("relay-log");
        try (ChannelStandIn ifttt = new ChannelStandIn()) {
            Map<String, String> settings = Map.of(
                    "relay.data-dir", dataDir.toString(),
                    "ifttt.key", ChannelStandIn.IFTTT_KEY,
                    "ifttt.base-url", ifttt.base() + "/ifttt",
                    "ifttt.events", "*");
            try (RunningRelay relay = RunningRelay.start(settings)) {
                assertEquals(200, relay.post(Events.event("DatasourceRefreshFailed", "EXTRACTS", "Before")).statusCode());
                await("the delivery", WAIT, () -> deliveries(relay), log -> log.size() == 1
                        && log.get(0).path("channels").path("ifttt").path("outcome").asText().equals("delivered"));
            }
            try (RunningRelay relay = RunningRelay.start(settings)) {
                assertEquals(200, relay.post(Events.event("WorkbookRefreshFailed", "EXTRACTS", "After")).statusCode());
                JsonNode log = await("the second delivery", WAIT, () -> deliveries(relay), entries -> entries.size() == 2
                        && entries.get(0).path("channels").path("ifttt").path("outcome").asText().equals("delivered"));
                assertEquals("After", log.get(0).path("item").asText(), "newest first");
                assertEquals("Before", log.get(1).path("item").asText());
                assertEquals("delivered", log.get(1).path("channels").path("ifttt").path("outcome").asText());
                assertEquals(1, log.get(1).path("channels").path("ifttt").path("attempts").asInt());
            }

            Files.writeString(dataDir.resolve("delivery-log.json"), "[{\"eventId\": ");
            try (RunningRelay relay = RunningRelay.start(settings)) {
                assertEquals(0, deliveries(relay).size(), "a damaged file: an empty log, and the relay runs");
            }
        }
    }

    private static JsonNode deliveries(RunningRelay relay) {
        return Received.json(relay.manage("/admin/deliveries").body()).path("deliveries");
    }
}
