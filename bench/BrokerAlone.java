import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.tableaurelay.broker.BrokerConfiguration;
import io.tableaurelay.broker.DuplicateEvents;
import io.tableaurelay.broker.EmbeddedBroker;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

/**
 * The relay's embedded broker alone (its own class, configured as the relay configures it), used through JMS as the
 * relay uses it, with messages shaped like the relay's: how many durable sends and transacted receives it does a
 * second here, and the CPU time each costs. For one event the relay does at least one of each hop's work: its receive
 * route sends the event (a durable send), dispatch receives it and sends it on to a channel's queue in one
 * transaction, the channel route receives that (a transacted receive). Run by {@code bench/run --broker-alone}.
 */
public final class BrokerAlone {

    private static final int WARM_UP_SECONDS = 5;
    private static final int PHASE_SECONDS = 10;
    private static final int PRODUCERS = 32;
    private static final int CONSUMERS = 4;
    private static final String[] HEADERS = {"eventId", "eventType", "eventTypeLabel", "receivedAt", "resource",
        "resourceLuid", "resourceName", "siteLuid", "itemUrl", "itemProject", "itemOwner", "channel"};

    private final Connection connection;
    private final AtomicLong sequence = new AtomicLong();
    private final String body = Events.body(1, 1).toString();

    private BrokerAlone(Connection connection) {
        this.connection = connection;
    }

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.US);
        Path dataDir = Files.createTempDirectory("relay-broker-alone");
        EmbeddedBroker broker = new EmbeddedBroker(dataDir, 100_000, new DuplicateEvents());
        broker.start();
        try (Connection connection = BrokerConfiguration.client(broker.url(), null, null).createConnection()) {
            connection.start();
            new BrokerAlone(connection).run();
        } finally {
            broker.stop();
        }
        System.exit(0);
    }

    private void run() throws Exception {
        System.out.printf("The relay's embedded broker alone, %d cores, journal in a temporary folder; each figure after %d s"
                + " of the same work%n", Runtime.getRuntime().availableProcessors(), WARM_UP_SECONDS);
        Result one = measure("durable sends, 1 producer", 1, () -> new Sender("events"));
        Result many = measure("durable sends, " + PRODUCERS + " producers", PRODUCERS, () -> new Sender("events"));
        Result dispatch = measure("transacted receive, durable send, commit (dispatch), " + CONSUMERS + " consumers",
                CONSUMERS, () -> new Receiver("events", "channel"));
        Result receive = measure("transacted receive, commit (a channel), " + CONSUMERS + " consumers", CONSUMERS,
                () -> new Receiver("events", null));
        System.out.println();
        System.out.printf("One event's broker work (a send; a receive with a send; a receive): %,.0f us of CPU; the relay's"
                + " goal for all of an event's work: 150 us%n", many.cpuMicros() + dispatch.cpuMicros() + receive.cpuMicros());
        System.out.printf("Events a second the broker alone stores here: %,.0f; the relay's goal: 10,000%n", many.perSecond());
        System.out.printf("Events a second the broker alone passes through dispatch here: %,.0f; the relay's goal for"
                + " deliveries: 6,000%n", dispatch.perSecond());
        System.out.printf("One producer waits %.2f ms for each durable send; the relay's goal for its whole answer: 1.0 ms%n",
                1000 / one.perSecond());
    }

    /** One thread's work with its own session, producer and consumer, kept as the relay keeps them (cached). */
    private interface Worker extends AutoCloseable {

        /** Does the work once; false when there was nothing to do (an empty queue). */
        boolean once() throws Exception;
    }

    private interface WorkerFactory {
        Worker create() throws Exception;
    }

    /** The receive route: a durable send, not in a transaction. */
    private final class Sender implements Worker {
        private final Session session;
        private final MessageProducer producer;

        Sender(String queue) throws Exception {
            session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            producer = session.createProducer(session.createQueue(queue));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        }

        @Override
        public boolean once() throws Exception {
            producer.send(eventMessage(session));
            return true;
        }

        @Override
        public void close() throws Exception {
            session.close();
        }
    }

    /** Dispatch (a receive and a send in one transaction) or a channel route (a receive), committed each time. */
    private final class Receiver implements Worker {
        private final Session session;
        private final MessageConsumer consumer;
        private final MessageProducer producer;

        Receiver(String queue, String sendTo) throws Exception {
            session = connection.createSession(true, Session.SESSION_TRANSACTED);
            consumer = session.createConsumer(session.createQueue(queue));
            producer = sendTo == null ? null : session.createProducer(session.createQueue(sendTo));
            if (producer != null) {
                producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            }
        }

        @Override
        public boolean once() throws Exception {
            Message message = consumer.receive(1000);
            if (message == null) {
                return false;
            }
            if (producer != null) {
                producer.send(eventMessage(session));
            }
            session.commit();
            return true;
        }

        @Override
        public void close() throws Exception {
            session.close();
        }
    }

    private record Result(double perSecond, double cpuMicros) {
    }

    /**
     * Runs the work on that many threads for WARM_UP_SECONDS, then measures it for PHASE_SECONDS (less if a queue it
     * reads runs empty): operations a second, and the process's CPU time for each, without the JIT compiler's.
     */
    private Result measure(String name, int threads, WorkerFactory factory) throws Exception {
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean ranOut = new AtomicBoolean();
        AtomicLong done = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            workers.add(pool.submit(() -> {
                try (Worker worker = factory.create()) {
                    while (!stop.get()) {
                        if (!worker.once()) {
                            ranOut.set(true);
                            return null;
                        }
                        if (measuring.get()) {
                            done.incrementAndGet();
                        }
                    }
                }
                return null;
            }));
        }
        TimeUnit.SECONDS.sleep(WARM_UP_SECONDS);
        ServerProcess.Cpu start = ServerProcess.cpuOf(ProcessHandle.current().pid());
        long startNanos = System.nanoTime();
        measuring.set(true);
        long deadline = startNanos + TimeUnit.SECONDS.toNanos(PHASE_SECONDS);
        while (System.nanoTime() < deadline && !ranOut.get()) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        measuring.set(false);
        ServerProcess.Cpu used = ServerProcess.cpuOf(ProcessHandle.current().pid()).since(start);
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        stop.set(true);
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        long count = Math.max(1, done.get());
        Result result = new Result(done.get() / seconds, (used.all() - used.jit()) * 1e6 / count);
        System.out.printf("  %-72s %,7.0f/s   CPU %,5.0f us each (JIT compiler besides: %,.0f us)%s%n", name,
                result.perSecond(), result.cpuMicros(), used.jit() * 1e6 / count, ranOut.get() ? ", queue ran empty" : "");
        return result;
    }

    /** An event's JSON with the properties the relay's messages carry, and an id of its own (no duplicates). */
    private TextMessage eventMessage(Session session) throws Exception {
        TextMessage message = session.createTextMessage(body);
        long id = sequence.incrementAndGet();
        message.setStringProperty("_AMQ_DUPL_ID", "event-" + id);
        for (String header : HEADERS) {
            message.setStringProperty(header, header + " of event " + id + ", 0123456789abcdef0123456789abcdef");
        }
        return message;
    }
}
