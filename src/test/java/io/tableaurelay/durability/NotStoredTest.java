package io.tableaurelay.durability;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.tableaurelay.support.ChannelStandIn;
import io.tableaurelay.support.Events;
import io.tableaurelay.support.Received;
import io.tableaurelay.support.RunningRelay;
import io.tableaurelay.support.StandaloneArtemis;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static io.tableaurelay.support.ChannelStandIn.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "Accepted" means stored: when the broker cannot store an event, the answer is 503 with Retry-After, never 200; the
 * relay takes events again by itself once the broker can; and every event answered 200 is delivered.
 */
@Tag("relay")
@Tag("process")
class NotStoredTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int SENDERS = 4;

    @Test
    void anExternalBrokerStoppedUnderLoadGets503sAndEveryAcceptedEventIsDelivered() throws Exception {
        try (StandaloneArtemis broker = StandaloneArtemis.start(); ChannelStandIn ifttt = new ChannelStandIn();
                RunningRelay relay = RunningRelay.start(Map.of("broker.url", broker.url(),
                        "broker.username", StandaloneArtemis.USER, "broker.password", StandaloneArtemis.PASSWORD,
                        "webhook.store-timeout", "2s", "ifttt.key", ChannelStandIn.IFTTT_KEY,
                        "ifttt.base-url", ifttt.base() + "/ifttt", "ifttt.events", "*", "ifttt.rate-per-second", "1000"))) {
            Set<String> accepted = ConcurrentHashMap.newKeySet();
            Map<Integer, AtomicInteger> answers = new ConcurrentHashMap<>();
            AtomicInteger refusedWithoutRetryAfter = new AtomicInteger();
            AtomicBoolean posting = new AtomicBoolean(true);
            AtomicInteger next = new AtomicInteger();
            ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
            for (int s = 0; s < SENDERS; s++) {
                senders.execute(() -> {
                    while (posting.get()) {
                        String name = "under-load-" + next.getAndIncrement();
                        HttpResponse<String> answer = relay.post(Events.event("WorkbookRefreshFailed", "EXTRACTS", name));
                        answers.computeIfAbsent(answer.statusCode(), status -> new AtomicInteger()).incrementAndGet();
                        if (answer.statusCode() == 200) {
                            accepted.add(name);
                        } else if (answer.statusCode() == 503 && answer.headers().firstValue("Retry-After").isEmpty()) {
                            refusedWithoutRetryAfter.incrementAndGet();
                        }
                    }
                });
            }
            await("events accepted before the broker stops", WAIT, accepted::size, size -> size >= 50);
            broker.stop();
            await("503 while the broker is gone", WAIT, () -> answers.getOrDefault(503, new AtomicInteger()).get(),
                    refused -> refused >= 5);
            broker.run();
            int acceptedBefore = accepted.size();
            await("events accepted again once the broker is back", WAIT, accepted::size,
                    size -> size >= acceptedBefore + 50);
            posting.set(false);
            senders.shutdown();
            assertTrue(senders.awaitTermination(30, TimeUnit.SECONDS));

            assertEquals(Set.of(200, 503), answers.keySet(), "answers by status: " + answers);
            assertEquals(0, refusedWithoutRetryAfter.get(), "each 503 says when to try again");
            await("every accepted event at IFTTT", WAIT, ifttt::ifttt, list -> list.stream().map(Received::iftttName)
                    .collect(Collectors.toSet()).containsAll(accepted));
        }
    }

    @Test
    void aFullDiskGets503WithRetryAfter() {
        try (ChannelStandIn ifttt = new ChannelStandIn();
                RunningRelay relay = RunningRelay.start(Map.of("broker.max-disk-usage", "1",
                        "webhook.store-timeout", "1s", "ifttt.key", ChannelStandIn.IFTTT_KEY,
                        "ifttt.base-url", ifttt.base() + "/ifttt", "ifttt.events", "*"))) {
            HttpResponse<String> refused = await("503 once the broker sees its disk full", WAIT,
                    () -> relay.post(Events.event("WorkbookRefreshFailed", "EXTRACTS", "disk-" + System.nanoTime())),
                    answer -> answer.statusCode() == 503);
            assertEquals("1", refused.headers().firstValue("Retry-After").orElse(""));
            assertEquals("{\"error\": \"the event could not be stored, try again\"}", refused.body());
            HttpResponse<String> again = relay.post(Events.event("WorkbookRefreshFailed", "EXTRACTS", "disk-full"));
            assertEquals(503, again.statusCode(), again.body());
        }
    }
}
