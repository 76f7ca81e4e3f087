package io.tableaurelay.durability;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tableaurelay.support.ChannelStandIn;
import io.tableaurelay.support.Events;
import io.tableaurelay.support.RelayProcess;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The relay as a separate process, killed with kill -9 while events pour in and at least 2,000 accepted events are
 * still on their way to IFTTT (stored, not delivered yet). After a restart every accepted event reaches IFTTT, and none
 * twice. The IFTTT stand-in stops answering a moment before the kill, so that no send is cut off between IFTTT's answer
 * and the relay's record of it (the one case in which a crash can send a message twice; see README, "Reliability").
 */
@Tag("process")
class CrashUnderLoadTest {

    private static final int IN_FLIGHT = 2_000;
    private static final int MOST_EVENTS = 20_000;
    private static final int SENDERS = 8;
    private static final int CONSUMERS = 4;

    @Test
    void everyEventAcceptedUnderLoadIsDeliveredOnceAfterAKill9AndARestart() throws Exception {
        Path log = Files.createTempFile("relay-crash-load", ".log");
        try (Ifttt ifttt = new Ifttt()) {
            Map<String, String> settings = new HashMap<>();
            settings.put("relay.data-dir", Files.createTempDirectory("relay-crash-load").toString());
            settings.put("ifttt.key", ChannelStandIn.IFTTT_KEY);
            settings.put("ifttt.base-url", "http://127.0.0.1:" + ifttt.port() + "/ifttt");
            settings.put("ifttt.events", "*");
            // IFTTT takes fewer a second than the relay accepts, so that a backlog builds up; side by side as by default
            settings.put("ifttt.rate-per-second", "100");
            settings.put("delivery.consumers", String.valueOf(CONSUMERS));

            Set<String> accepted = ConcurrentHashMap.newKeySet();
            int inFlightAtKill;
            try (RelayProcess first = RelayProcess.start(settings, log)) {
                AtomicBoolean posting = new AtomicBoolean(true);
                AtomicInteger next = new AtomicInteger();
                ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
                CountDownLatch done = new CountDownLatch(SENDERS);
                for (int s = 0; s < SENDERS; s++) {
                    senders.execute(() -> {
                        try {
                            for (int i = next.getAndIncrement(); posting.get() && i < MOST_EVENTS; i = next.getAndIncrement()) {
                                String name = "load-" + i;
                                if (first.post(Events.event("WorkbookRefreshFailed", "EXTRACTS", name)) == 200) {
                                    accepted.add(name);
                                }
                            }
                        } finally {
                            done.countDown();
                        }
                    });
                }
                Awaitility.await("at least " + IN_FLIGHT + " accepted events not yet at IFTTT")
                        .atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                        .until(() -> accepted.size() - ifttt.deliveredCount() >= IN_FLIGHT);
                // no send may be between IFTTT's answer and the relay's record of it when the relay dies: each of the
                // channel's consumers waits in a held request
                ifttt.hold();
                Awaitility.await("every IFTTT consumer waiting in a held request").atMost(Duration.ofSeconds(30))
                        .until(() -> ifttt.heldRequests() >= CONSUMERS);
                inFlightAtKill = accepted.size() - ifttt.deliveredCount();
                first.kill();
                posting.set(false);
                assertTrue(done.await(60, TimeUnit.SECONDS), "the senders stopped");
                senders.shutdown();
            }
            assertTrue(inFlightAtKill >= IN_FLIGHT, inFlightAtKill + " accepted events in flight at the kill");
            ifttt.release();

            try (RelayProcess second = RelayProcess.start(settings, log)) {
                Awaitility.await("every one of the " + accepted.size() + " accepted events at IFTTT; see " + log)
                        .atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200))
                        .until(() -> ifttt.delivered().keySet().containsAll(accepted));
                Map<String, Integer> twice = ifttt.delivered().entrySet().stream().filter(entry -> entry.getValue() > 1)
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
                assertEquals(Map.of(), twice, "events delivered more than once");
            }
        }
    }

    /**
     * IFTTT: counts each event's deliveries by its name (value1); while held, it answers nothing until released, and
     * then 503, so that a held request counts as not delivered.
     */
    private static final class Ifttt implements AutoCloseable {

        private static final Pattern VALUE1 = Pattern.compile("\"value1\"\\s*:\\s*\"([^\"]*)\"");

        private final HttpServer server;
        private final Map<String, Integer> delivered = new ConcurrentHashMap<>();
        private final AtomicInteger count = new AtomicInteger();
        private final AtomicInteger heldNow = new AtomicInteger();
        private volatile CountDownLatch held = new CountDownLatch(0);

        Ifttt() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
            server.setExecutor(Executors.newFixedThreadPool(16));
            server.createContext("/ifttt/", this::handle);
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        void hold() {
            held = new CountDownLatch(1);
        }

        void release() {
            held.countDown();
        }

        /** Requests waiting for {@link #release()} now. */
        int heldRequests() {
            return heldNow.get();
        }

        int deliveredCount() {
            return count.get();
        }

        Map<String, Integer> delivered() {
            return Map.copyOf(delivered);
        }

        private void handle(HttpExchange exchange) throws IOException {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            CountDownLatch latch = held;
            boolean wasHeld = latch.getCount() > 0;
            if (wasHeld) {
                heldNow.incrementAndGet();
            }
            try {
                latch.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                if (wasHeld) {
                    heldNow.decrementAndGet();
                }
            }
            if (wasHeld) {
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            Matcher value1 = VALUE1.matcher(body);
            if (value1.find()) {
                delivered.merge(value1.group(1), 1, Integer::sum);
                count.incrementAndGet();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        }

        @Override
        public void close() {
            release();
            server.stop(0);
            ((ExecutorService) server.getExecutor()).shutdownNow();
        }
    }
}
