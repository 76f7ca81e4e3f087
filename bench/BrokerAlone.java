import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.tableaurelay.broker.DuplicateEvents;
import io.tableaurelay.broker.EmbeddedBroker;
import io.tableaurelay.broker.QueueBroker;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;

/**
 * The floor of the relay's event path: its embedded broker alone (its own class, configured as the relay configures
 * it), used through JMS as the relay uses it, with messages shaped like the relay's. An event crosses the broker
 * twice: the receive route stores it with a durable send answered once synced (8 threads send side by side, as the
 * relay's store does), and a channel's consumers take it with prefetching and acknowledge it. Senders and consumers run together, with at most BACKLOG events between them, so
 * that the queue does not page. Run by {@code bench/run --broker-alone}.
 */
public final class BrokerAlone {

    private static final int WARM_UP_SECONDS = 30;
    private static final int PHASE_SECONDS = 10;
    private static final int CONSUMERS = 4;
    private static final int SENDERS = 8;
    private static final int BACKLOG = 2_000;
    private static final int BATCH = 100;
    private static final String QUEUE = "ifttt";
    private static final String[] HEADERS = {"eventId", "eventType", "eventTypeLabel", "receivedAt", "resource",
        "resourceLuid", "resourceName", "siteLuid", "channel", "recipient"};

    private final Connection store;
    private final Connection consume;
    private final AtomicLong sequence = new AtomicLong();
    private final String body = Events.body(1, 1).toString();

    private BrokerAlone(Connection store, Connection consume) {
        this.store = store;
        this.consume = consume;
    }

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.US);
        Path dataDir = Files.createTempDirectory("relay-broker-alone");
        EmbeddedBroker broker = new EmbeddedBroker(dataDir, 100_000, 90, new DuplicateEvents());
        broker.start();
        broker.prefetch(QUEUE, 1024 * 1024);
        var storeClient = QueueBroker.client(broker.url(), null, null);
        var consumeClient = QueueBroker.client(broker.url(), null, null);
        consumeClient.setConsumerWindowSize(ActiveMQClient.DEFAULT_CONSUMER_WINDOW_SIZE);
        try (Connection store = storeClient.createConnection(); Connection consume = consumeClient.createConnection()) {
            consume.start();
            System.out.printf("The relay's embedded broker alone, %d cores, journal (%s) in a temporary folder; each"
                    + " figure after %d s of the same work%n", Runtime.getRuntime().availableProcessors(),
                    broker.journalType(), WARM_UP_SECONDS);
            new BrokerAlone(store, consume).run();
        } finally {
            broker.stop();
        }
        System.exit(0);
    }

    private void run() throws Exception {
        Result clientAck = measure(SENDERS + " storing, " + CONSUMERS + " consumers prefetching, each message"
                + " acknowledged (a channel of 100 a second or less)", false);
        Result batched = measure(SENDERS + " storing, " + CONSUMERS + " consumers prefetching, " + BATCH
                + " messages a commit (a fast channel's batches)", true);
        System.out.println();
        for (Result result : List.of(clientAck, batched)) {
            System.out.printf("%s: %,.0f events a second through both hops, %,.0f us of CPU each; the relay's goals:"
                    + " 3,000 delivered a second, 300 us for all of an event's work%n", result.name(),
                    result.perSecond(), result.cpuMicros());
        }
    }

    /**
     * SENDERS sender threads (at most BACKLOG events stored and not yet taken, each send answered once synced) and
     * CONSUMERS consumers, for WARM_UP_SECONDS, then measured for PHASE_SECONDS: events taken a second, and the
     * process's CPU time for each, without the JIT compiler's.
     */
    private Result measure(String name, boolean batched) throws Exception {
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong done = new AtomicLong();
        Semaphore room = new Semaphore(BACKLOG);
        ExecutorService pool = Executors.newFixedThreadPool(CONSUMERS + SENDERS);
        List<Future<?>> workers = new ArrayList<>();
        for (int i = 0; i < SENDERS; i++) {
            workers.add(pool.submit(() -> {
                Session session = store.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer producer = session.createProducer(session.createQueue(QUEUE));
                producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                while (!stop.get()) {
                    if (room.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                        producer.send(eventMessage(session));
                    }
                }
                session.close();
                return null;
            }));
        }
        for (int i = 0; i < CONSUMERS; i++) {
            workers.add(pool.submit(() -> {
                Session session = batched ? consume.createSession(true, Session.SESSION_TRANSACTED)
                        : consume.createSession(false, Session.CLIENT_ACKNOWLEDGE);
                MessageConsumer consumer = session.createConsumer(session.createQueue(QUEUE));
                int uncommitted = 0;
                while (!stop.get()) {
                    Message message = batched && uncommitted > 0 ? consumer.receiveNoWait() : consumer.receive(100);
                    if (message != null) {
                        room.release();
                        uncommitted++;
                        if (!batched) {
                            message.acknowledge();
                        }
                    }
                    if (uncommitted > 0 && (!batched || message == null || uncommitted >= BATCH)) {
                        if (batched) {
                            session.commit();
                        }
                        if (measuring.get()) {
                            done.addAndGet(uncommitted);
                        }
                        uncommitted = 0;
                    }
                }
                session.close();
                return null;
            }));
        }
        TimeUnit.SECONDS.sleep(WARM_UP_SECONDS);
        ServerProcess.Cpu start = ServerProcess.cpuOf(ProcessHandle.current().pid());
        long startNanos = System.nanoTime();
        measuring.set(true);
        TimeUnit.SECONDS.sleep(PHASE_SECONDS);
        measuring.set(false);
        ServerProcess.Cpu used = ServerProcess.cpuOf(ProcessHandle.current().pid()).since(start);
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        stop.set(true);
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        long count = Math.max(1, done.get());
        Result result = new Result(name, done.get() / seconds, (used.all() - used.jit()) * 1e6 / count);
        System.out.printf("  %-100s %,7.0f/s   CPU %,5.0f us each (JIT compiler besides: %,.0f us)%n", name,
                result.perSecond(), result.cpuMicros(), used.jit() * 1e6 / count);
        return result;
    }

    private record Result(String name, double perSecond, double cpuMicros) {
    }

    /** An event's JSON with the properties the relay's messages carry, and an id of its own (no duplicates). */
    private TextMessage eventMessage(Session session) throws Exception {
        TextMessage message = session.createTextMessage(body);
        long id = sequence.incrementAndGet();
        message.setStringProperty("_AMQ_DUPL_ID", "event-" + id + ":" + QUEUE + ":");
        for (String header : HEADERS) {
            message.setStringProperty(header, header + " of event " + id + ", 0123456789abcdef0123456789abcdef");
        }
        return message;
    }
}
