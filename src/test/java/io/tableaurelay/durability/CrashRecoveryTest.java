package io.tableaurelay.durability;

import static io.tableaurelay.support.ChannelStandIn.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import org.junit.jupiter.api.Test;

/** kill -9 while events wait for a channel that is down: after a restart, every accepted event arrives. */
class CrashRecoveryTest {

    private static final int EVENTS = 20;

    @Test
    void everyAcceptedEventIsDeliveredAfterAKill9AndARestart() throws Exception {
        Path dataDir = Files.createTempDirectory("relay-crash");
        Path log = Files.createTempFile("relay-crash", ".log");
        int iftttPort = RunningRelay.freePort();
        Map<String, String> settings = new HashMap<>();
        settings.put("relay.data-dir", dataDir.toString());
        settings.put("ifttt.key", ChannelStandIn.IFTTT_KEY);
        settings.put("ifttt.base-url", "http://127.0.0.1:" + iftttPort + "/ifttt");
        settings.put("ifttt.events", "*");

        List<String> names = IntStream.rangeClosed(1, EVENTS).mapToObj(i -> "crash-" + i).toList();
        RelayProcess first = RelayProcess.start(settings, log);
        for (String name : names) {
            assertEquals(200, first.post(Events.event("WorkbookRefreshFailed", "EXTRACTS", name)), name);
        }
        first.kill();

        try (ChannelStandIn ifttt = new ChannelStandIn(iftttPort);
                RelayProcess second = RelayProcess.start(settings, log)) {
            Set<String> delivered = await("all " + EVENTS + " events at IFTTT", Duration.ofSeconds(60),
                    () -> ifttt.delivered("/ifttt/.*").stream().map(Received::iftttName)
                            .collect(Collectors.toCollection(TreeSet::new)),
                    set -> set.size() == EVENTS);
            assertEquals(new TreeSet<>(names), delivered);
        }
    }
}
