package io.tableaurelay.durability;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import io.tableaurelay.support.CapturedLog;
import io.tableaurelay.support.ChannelStandIn;
import io.tableaurelay.support.Events;
import io.tableaurelay.support.Metrics;
import io.tableaurelay.support.Received;
import io.tableaurelay.support.RunningRelay;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static io.tableaurelay.support.ChannelStandIn.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tableau's byte-identical duplicates are answered 200 and delivered once, also across a restart. */
@Tag("relay")
class DuplicateEventTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void theSamePayloadPostedTwiceAndAgainAfterARestartIsDeliveredOnce() throws Exception {
        Path dataDir = Files.createTempDirectory("relay-dedup");
        String payload = Events.event("WorkbookRefreshFailed", "EXTRACTS", "Twice");
        try (ChannelStandIn standIn = new ChannelStandIn(); CapturedLog log = CapturedLog.printed()) {
            Map<String, String> settings = new HashMap<>(standIn.allChannels());
            settings.put("relay.data-dir", dataDir.toString());

            try (RunningRelay relay = RunningRelay.start(settings)) {
                assertEquals(200, relay.post(payload).statusCode());
                assertEquals(200, relay.post(payload).statusCode());
                deliverMarker(relay, standIn, "after-two");
            }
            try (RunningRelay restarted = RunningRelay.start(settings)) {
                assertEquals(200, restarted.post(payload).statusCode());
                deliverMarker(restarted, standIn, "after-restart");
            }

            assertEquals(1, standIn.ifttt().stream().filter(r -> Received.iftttName(r).equals("Twice")).count());
            assertEquals(1, standIn.slack().stream().filter(r -> Received.slackText(r).contains("Twice")).count());
            assertEquals(1, standIn.twilio().stream().filter(r -> Received.smsBody(r).endsWith("Twice")).count());

            String eventId = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(payload.getBytes(StandardCharsets.UTF_8)));
            List<String> dropped = log.lines().stream().filter(line -> line.contains("Dropped a duplicate")).toList();
            assertEquals(2, dropped.size(), "one line for each duplicate: " + dropped);
            dropped.forEach(line -> assertTrue(line.contains(" INFO ") && line.trim().endsWith("[event " + eventId + "]"),
                    line));
            assertFalse(log.contains("AMQ222059"), "the broker's own warning, with the whole message, is not printed");
        }
    }

    /**
     * Tableau's copies of one event may arrive at the same moment (two of its nodes send it). The broker's duplicate
     * check alone let some of such copies through, and each was then delivered twice or stuck in dispatch.
     */
    @Test
    void copiesPostedAtTheSameMomentAreStoredAndDeliveredOnce() throws Exception {
        int events = 20;
        int copies = 12;
        try (ChannelStandIn standIn = new ChannelStandIn(); CapturedLog log = CapturedLog.printed();
                RunningRelay relay = RunningRelay.start(Map.of("ifttt.key", ChannelStandIn.IFTTT_KEY,
                        "ifttt.base-url", standIn.base() + "/ifttt", "ifttt.events", "*", "ifttt.rate-per-second", "1000"))) {
            ExecutorService senders = Executors.newFixedThreadPool(copies);
            try {
                for (int event = 0; event < events; event++) {
                    String payload = Events.event("DatasourceRefreshFailed", "EXTRACTS", "Copies " + event);
                    CyclicBarrier together = new CyclicBarrier(copies);
                    List<Future<Integer>> answers = new ArrayList<>();
                    for (int copy = 0; copy < copies; copy++) {
                        answers.add(senders.submit(() -> {
                            together.await();
                            return relay.post(payload).statusCode();
                        }));
                    }
                    for (Future<Integer> answer : answers) {
                        assertEquals(200, answer.get());
                    }
                }
            } finally {
                senders.shutdownNow();
            }
            relay.post(Events.event("DatasourceRefreshFailed", "EXTRACTS", "after-copies"));
            await("the marker at IFTTT", WAIT, standIn::ifttt, list -> Received.mentions(list, "after-copies"));

            Map<String, Long> delivered = standIn.ifttt().stream().map(Received::iftttName)
                    .collect(Collectors.groupingBy(name -> name, Collectors.counting()));
            for (int event = 0; event < events; event++) {
                assertEquals(1L, delivered.getOrDefault("Copies " + event, 0L), "deliveries of Copies " + event);
            }
            Metrics metrics = Metrics.scrape(relay);
            assertEquals(events * (copies - 1), metrics.value("relay_events_duplicate_total"));
            assertFalse(log.contains("Duplicate message detected"), "no store failed on a copy");
        }
    }

    /** A different event posted after the duplicates; once it is everywhere, the duplicates had their chance. */
    private static void deliverMarker(RunningRelay relay, ChannelStandIn standIn, String marker) {
        relay.post(Events.event("WorkbookRefreshFailed", "EXTRACTS", marker));
        await(marker + " at IFTTT", WAIT, standIn::ifttt, list -> Received.mentions(list, marker));
        await(marker + " at Slack", WAIT, standIn::slack, list -> Received.mentions(list, marker));
        await(marker + " by SMS", WAIT, standIn::twilio,
                list -> list.stream().anyMatch(r -> Received.smsBody(r).endsWith(marker)));
    }
}
