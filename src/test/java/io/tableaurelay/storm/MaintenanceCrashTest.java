package io.tableaurelay.storm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import io.tableaurelay.support.ChannelStandIn;
import io.tableaurelay.support.Events;
import io.tableaurelay.support.Received;
import io.tableaurelay.support.RelayProcess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.tableaurelay.support.ChannelStandIn.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The relay killed with kill -9 inside a maintenance window: after a restart, every event it held is in the one
 * summary sent when the window ends. The forward channel's group template lists every event's id.
 */
@Tag("process")
class MaintenanceCrashTest {

    private static final int EVENTS = 10;
    private static final Duration WAIT = Duration.ofSeconds(180);
    private static final DateTimeFormatter DAY_AND_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    @RegisterExtension
    final ChannelStandIn receiver = new ChannelStandIn();

    @Test
    void everyEventHeldAtAKill9IsInTheWindowsOneSummaryAfterTheRestart() throws IOException {
        // this minute and the next two: room for two starts of the relay before the window ends
        LocalDateTime start = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
        String window = DAY_AND_TIME.format(start) + "-" + TIME.format(start.plusMinutes(2)) + " UTC";
        Map<String, String> settings = Map.of(
                "relay.data-dir", Files.createTempDirectory("relay-maintenance-crash").toString(),
                "forward.url", receiver.base() + ChannelStandIn.FORWARD_HOOK,
                "maintenance.windows", window);
        Path log = Files.createTempFile("relay-maintenance-crash", ".log");
        try (RelayProcess first = RelayProcess.start(settings, log)) {
            for (int i = 0; i < EVENTS; i++) {
                assertEquals(200, first.post(Events.event("WorkbookRefreshFailed", "EXTRACTS", "held-" + i)));
            }
            await("every event held for the window", WAIT, () -> Received.json(orEmpty(first.manage(
                    "/admin/deliveries?outcome=maintenance"))).path("deliveries").size(), held -> held == EVENTS);
            assertEquals(0, receiver.forward().size(), "the window is not over");
            first.kill();
        }

        try (RelayProcess second = RelayProcess.start(settings, log)) {
            List<String> ids = await("every event in the window's summary", WAIT,
                    () -> Received.forwardedEventIds(receiver.forward()), list -> list.size() >= EVENTS);
            assertEquals(EVENTS, new HashSet<>(ids).size(), "each event once: " + ids);
            assertEquals(1, receiver.forward().size(), "one message for the window");
            String summary = Received.json(receiver.forward().get(0)).path("maintenance").asText();
            assertTrue(summary.startsWith("during maintenance " + TIME.format(start) + "-"
                    + TIME.format(start.plusMinutes(2)) + ": " + EVENTS + " workbook refreshes failed"), summary);
        }
    }

    private static String orEmpty(String body) {
        return body.isEmpty() ? "{}" : body;
    }
}
