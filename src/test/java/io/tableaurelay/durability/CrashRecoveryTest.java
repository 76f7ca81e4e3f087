package io.tableaurelay.durability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.tableaurelay.support.ChannelStandIn;
import io.tableaurelay.support.Events;
import io.tableaurelay.support.Received;
import io.tableaurelay.support.RelayProcess;
import io.tableaurelay.support.RunningRelay;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static io.tableaurelay.support.ChannelStandIn.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The relay as a separate process, stopped while events wait for IFTTT or are being sent to it: by kill -9,
 * or by SIGTERM as {@code docker stop} sends it. After a restart every accepted event arrives.
 */
@Tag("process")
class CrashRecoveryTest {

    private static final int EVENTS = 20;

    private final int iftttPort = RunningRelay.freePort();
    private final Map<String, String> settings = new HashMap<>();
    private Path log;

    @BeforeEach
    void settings() throws IOException {
        log = Files.createTempFile("relay-crash", ".log");
        settings.put("relay.data-dir", Files.createTempDirectory("relay-crash").toString());
        settings.put("ifttt.key", ChannelStandIn.IFTTT_KEY);
        settings.put("ifttt.base-url", "http://127.0.0.1:" + iftttPort + "/ifttt");
        settings.put("ifttt.events", "*");
    }

    @Test
    void everyAcceptedEventIsDeliveredAfterAKill9AndARestart() {
        List<String> names = names("crash");
        try (RelayProcess first = RelayProcess.start(settings, log)) {
            postAll(first, names);
            first.kill();
        }

        try (ChannelStandIn ifttt = new ChannelStandIn(iftttPort);
                RelayProcess second = RelayProcess.start(settings, log)) {
            assertEquals(new TreeSet<>(names), awaitAll(ifttt));
        }
    }

    @Test
    void sigtermMidDeliveryFinishesTheSendInFlightAndLosesNothing() {
        List<String> names = names("sigterm");
        settings.put("camel.main.shutdown-timeout", "45");
        try (ChannelStandIn ifttt = new ChannelStandIn(iftttPort)) {
            ifttt.answerIftttSlowly(500);
            Duration exit;
            try (RelayProcess first = RelayProcess.start(settings, log)) {
                postAll(first, names);
                await("a send in flight", Duration.ofSeconds(30), ifttt::ifttt, requests -> !requests.isEmpty());
                exit = first.terminate(Duration.ofSeconds(50));
            }
            assertTrue(ifttt.ifttt().size() < EVENTS, "the relay stopped before it had sent everything");

            try (RelayProcess second = RelayProcess.start(settings, log)) {
                assertEquals(new TreeSet<>(names), awaitAll(ifttt));
                assertEquals(EVENTS, ifttt.delivered("/ifttt/.*").size(), "each event sent once, in " + exit);
            }
        }
    }

    /**
     * A fast channel acknowledges its messages in batches (here up to 100 at once): the last ones of a burst are
     * acknowledged once no message waits, and what a consumer handled before a SIGTERM is acknowledged as it stops. A
     * restart therefore sends nothing again.
     */
    @Test
    void aFastChannelsMessagesAreAcknowledgedBeforeARestart() {
        List<String> names = names("batch");
        settings.put("ifttt.rate-per-second", "10000");
        try (ChannelStandIn ifttt = new ChannelStandIn(iftttPort)) {
            try (RelayProcess first = RelayProcess.start(settings, log)) {
                postAll(first, names);
                assertEquals(new TreeSet<>(names), awaitAll(ifttt));
                first.terminate(Duration.ofSeconds(50));
            }
            try (RelayProcess second = RelayProcess.start(settings, log)) {
                assertEquals(200, second.post(Events.event("WorkbookRefreshFailed", "EXTRACTS", "after-restart")));
                await("the event after the restart", Duration.ofSeconds(30), ifttt::ifttt,
                        requests -> Received.mentions(requests, "after-restart"));
                assertEquals(EVENTS + 1, ifttt.delivered("/ifttt/.*").size(), "nothing sent again after the restart");
            }
        }
    }

    private static List<String> names(String prefix) {
        return IntStream.rangeClosed(1, EVENTS).mapToObj(i -> prefix + "-" + i).toList();
    }

    private static void postAll(RelayProcess relay, List<String> names) {
        for (String name : names) {
            assertEquals(200, relay.post(Events.event("WorkbookRefreshFailed", "EXTRACTS", name)), name);
        }
    }

    private static Set<String> awaitAll(ChannelStandIn ifttt) {
        return await("all " + EVENTS + " events at IFTTT", Duration.ofSeconds(60),
                () -> ifttt.delivered("/ifttt/.*").stream().map(Received::iftttName)
                        .collect(Collectors.toCollection(TreeSet::new)),
                set -> set.size() == EVENTS);
    }
}
