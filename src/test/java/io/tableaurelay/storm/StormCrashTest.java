package io.tableaurelay.storm;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

/**
 * The relay killed with kill -9 while a group is open: after a restart, every event of the group is in exactly one
 * message sent. The forward channel's group template lists every event's id, so the receiver can count them.
 */
@Tag("process")
class StormCrashTest {

    private static final int EVENTS = 20;
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    final ChannelStandIn receiver = new ChannelStandIn();

    @Test
    void everyEventOfAGroupOpenAtAKill9IsInExactlyOneMessageAfterTheRestart() throws IOException {
        Map<String, String> settings = Map.of(
                "relay.data-dir", Files.createTempDirectory("relay-storm-crash").toString(),
                "forward.url", receiver.base() + ChannelStandIn.FORWARD_HOOK,
                "forward.group-wait", "10s",
                "forward.group-interval", "10s");
        Path log = Files.createTempFile("relay-storm-crash", ".log");
        try (RelayProcess first = RelayProcess.start(settings, log)) {
            for (int i = 0; i < EVENTS; i++) {
                assertEquals(200, first.post(Events.event("WorkbookRefreshFailed", "EXTRACTS", "storm-" + i)));
            }
            await("every event waiting in its group", WAIT, () -> metric(first, "relay_events_grouped_total{channel=\"forward\"}"),
                    grouped -> grouped == EVENTS);
            assertEquals(0, receiver.forward().size(), "the group is still open");
            first.kill();
        }

        try (RelayProcess second = RelayProcess.start(settings, log)) {
            List<String> ids = await("every event in a message", WAIT,
                    () -> Received.forwardedEventIds(receiver.forward()), list -> list.size() >= EVENTS);
            assertEquals(EVENTS, new HashSet<>(ids).size(), "each event once: " + ids);
            assertEquals(EVENTS, ids.size(), "no event twice: " + ids);
            assertEquals(1, receiver.forward().size(), "one message for the group");
        }
    }

    private static double metric(RelayProcess relay, String series) {
        try {
            String metrics = HTTP.send(HttpRequest.newBuilder(relay.managementUrl("/observe/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return metrics.lines().filter(line -> line.startsWith(series + " ")).findFirst()
                    .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).orElse(-1.0);
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
