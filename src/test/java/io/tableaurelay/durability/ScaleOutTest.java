package io.tableaurelay.durability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.tableaurelay.support.ChannelStandIn;
import io.tableaurelay.support.Events;
import io.tableaurelay.support.Received;
import io.tableaurelay.support.RelayProcess;
import io.tableaurelay.support.StandaloneArtemis;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static io.tableaurelay.support.ChannelStandIn.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two relay processes share a standalone Artemis broker: a duplicate posted to each instance arrives once,
 * and events posted to both all arrive, also when one instance is killed half-way. The forward channel groups the
 * same events: each goes out in exactly one message, whichever instance took it and closed its group.
 */
@Tag("process")
class ScaleOutTest {

    private static final int EVENTS = 30;

    @Test
    void twoInstancesOnOneBrokerDeliverEverythingWhenOneIsKilled() throws Exception {
        Path log = Files.createTempFile("relay-scale-out", ".log");
        try (StandaloneArtemis broker = StandaloneArtemis.start();
                ChannelStandIn ifttt = new ChannelStandIn()) {
            Map<String, String> settings = new HashMap<>();
            settings.put("broker.url", broker.url());
            settings.put("broker.username", StandaloneArtemis.USER);
            settings.put("broker.password", StandaloneArtemis.PASSWORD);
            settings.put("ifttt.key", ChannelStandIn.IFTTT_KEY);
            settings.put("ifttt.base-url", ifttt.base() + "/ifttt");
            settings.put("ifttt.events", "*");
            settings.put("forward.url", ifttt.base() + ChannelStandIn.FORWARD_HOOK);
            // long enough for every event to be posted within one group and its follow-up on a busy machine
            settings.put("forward.group-wait", "10s");
            settings.put("forward.group-interval", "10s");
            settings.put("delivery.consumers", "4");

            List<String> names = IntStream.rangeClosed(1, EVENTS).mapToObj(i -> "scale-" + i).toList();
            String duplicate = Events.event("WorkbookRefreshFailed", "EXTRACTS", "posted-to-both");
            try (RelayProcess a = RelayProcess.start(settings, Path.of(log + ".a")); RelayProcess b = RelayProcess.start(settings, Path.of(log + ".b"))) {
                assertEquals(200, a.post(duplicate));
                assertEquals(200, b.post(duplicate));
                await("the duplicate delivered", Duration.ofSeconds(30), () -> ifttt.delivered("/ifttt/.*"),
                        list -> Received.mentions(list, "posted-to-both"));
                for (int i = 0; i < EVENTS; i++) {
                    RelayProcess target = i % 2 == 0 || i >= EVENTS / 2 ? b : a;
                    if (i == EVENTS / 2) {
                        a.kill();
                    }
                    assertEquals(200, target.post(Events.event("WorkbookRefreshFailed", "EXTRACTS", names.get(i))));
                }

                Set<String> delivered = await("all " + EVENTS + " events at IFTTT", Duration.ofSeconds(60),
                        () -> ifttt.delivered("/ifttt/.*").stream().map(Received::iftttName)
                                .filter(name -> name.startsWith("scale-"))
                                .collect(Collectors.toCollection(TreeSet::new)),
                        set -> set.size() == EVENTS);
                assertEquals(new TreeSet<>(names), delivered);
                assertEquals(1, ifttt.delivered("/ifttt/.*").stream()
                        .filter(request -> Received.iftttName(request).equals("posted-to-both")).count());

                List<String> grouped = await("every event in a group message", Duration.ofSeconds(60),
                        () -> Received.forwardedEventIds(ifttt.forward()), ids -> ids.size() >= EVENTS + 1);
                assertEquals(EVENTS + 1, new TreeSet<>(grouped).size(), "each event once: " + grouped);
                assertEquals(EVENTS + 1, grouped.size(), "no event twice: " + grouped);
                assertTrue(ifttt.forward().size() <= 2, "a group, and perhaps one follow-up: " + ifttt.forward().size());
            }
        }
    }

    /**
     * Tableau sends some events from two of its nodes at once: copies of one event reaching both instances at the same
     * moment are stored once (the broker's duplicate check holds them apart with the relay's plugin loaded, as the
     * README says for an external broker), and each event is delivered once.
     */
    @Test
    void copiesOfOneEventPostedToBothInstancesAtTheSameMomentAreDeliveredOnce() throws Exception {
        int events = 20;
        int copiesEach = 3;
        Path log = Files.createTempFile("relay-scale-out-copies", ".log");
        try (StandaloneArtemis broker = StandaloneArtemis.start(); ChannelStandIn ifttt = new ChannelStandIn()) {
            Map<String, String> settings = new HashMap<>(Map.of("broker.url", broker.url(),
                    "broker.username", StandaloneArtemis.USER, "broker.password", StandaloneArtemis.PASSWORD,
                    "ifttt.key", ChannelStandIn.IFTTT_KEY, "ifttt.base-url", ifttt.base() + "/ifttt",
                    "ifttt.events", "*", "ifttt.rate-per-second", "1000"));
            try (RelayProcess a = RelayProcess.start(settings, Path.of(log + ".a"));
                    RelayProcess b = RelayProcess.start(settings, Path.of(log + ".b"))) {
                ExecutorService senders = Executors.newFixedThreadPool(2 * copiesEach);
                try {
                    for (int event = 0; event < events; event++) {
                        String payload = Events.event("DatasourceRefreshFailed", "EXTRACTS", "both-" + event);
                        CyclicBarrier together = new CyclicBarrier(2 * copiesEach);
                        List<Future<Integer>> answers = new ArrayList<>();
                        for (int copy = 0; copy < 2 * copiesEach; copy++) {
                            RelayProcess target = copy % 2 == 0 ? a : b;
                            answers.add(senders.submit(() -> {
                                together.await();
                                return target.post(payload);
                            }));
                        }
                        for (Future<Integer> answer : answers) {
                            assertEquals(200, answer.get());
                        }
                    }
                } finally {
                    senders.shutdownNow();
                }
                assertEquals(200, a.post(Events.event("DatasourceRefreshFailed", "EXTRACTS", "after-both")));
                await("the marker at IFTTT", Duration.ofSeconds(60), () -> ifttt.delivered("/ifttt/.*"),
                        list -> Received.mentions(list, "after-both"));

                Map<String, Long> delivered = ifttt.delivered("/ifttt/.*").stream().map(Received::iftttName)
                        .collect(Collectors.groupingBy(name -> name, Collectors.counting()));
                for (int event = 0; event < events; event++) {
                    assertEquals(1L, delivered.getOrDefault("both-" + event, 0L), "deliveries of both-" + event);
                }
            }
        }
    }
}
