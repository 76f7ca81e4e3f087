package io.tableaurelay.storm;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import io.tableaurelay.support.ChannelStandIn;
import io.tableaurelay.support.Events;
import io.tableaurelay.support.Received;
import io.tableaurelay.support.RunningRelay;
import io.tableaurelay.support.StandaloneArtemis;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static io.tableaurelay.support.ChannelStandIn.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Two relays on one standalone Artemis broker, each holding events for the same window: one summary, once. */
@Tag("relay")
@Tag("process")
class MaintenanceSharedTest {

    private static final int EACH = 3;
    private static final Duration WAIT = Duration.ofSeconds(180);
    private static final DateTimeFormatter DAY_AND_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    @Test
    void twoInstancesSendTheWindowsSummaryOnce() throws Exception {
        LocalDateTime start = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
        String window = DAY_AND_TIME.format(start) + "-" + TIME.format(start.plusMinutes(2)) + " UTC";
        try (StandaloneArtemis broker = StandaloneArtemis.start(); ChannelStandIn receiver = new ChannelStandIn()) {
            Map<String, String> settings = new HashMap<>(Map.of("broker.url", broker.url(),
                    "broker.username", StandaloneArtemis.USER, "broker.password", StandaloneArtemis.PASSWORD,
                    "forward.url", receiver.base() + ChannelStandIn.FORWARD_HOOK, "maintenance.windows", window));
            try (RunningRelay one = RunningRelay.start(settings); RunningRelay two = RunningRelay.start(settings)) {
                for (int i = 0; i < EACH; i++) {
                    assertEquals(200, one.post(Events.event("WorkbookRefreshFailed", "EXTRACTS", "one-" + i)).statusCode());
                    assertEquals(200, two.post(Events.event("WorkbookRefreshFailed", "EXTRACTS", "two-" + i)).statusCode());
                }
                List<String> ids = await("every event in the window's summary", WAIT,
                        () -> Received.forwardedEventIds(receiver.forward()), list -> list.size() >= 2 * EACH);
                assertEquals(2 * EACH, new HashSet<>(ids).size(), "each event once: " + ids);
                // a second summary would have been due at the same time: an event posted after the window, which
                // goes out at once, comes after it
                one.post(Events.event("WorkbookRefreshFailed", "EXTRACTS", "after-the-window"));
                await("the event after the window", WAIT, receiver::forward,
                        sent -> Received.mentions(sent, "after-the-window"));
                assertEquals(2, receiver.forward().size(), "one summary, then the event after the window: "
                        + receiver.forward());
            }
        }
    }
}
