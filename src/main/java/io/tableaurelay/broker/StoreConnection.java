package io.tableaurelay.broker;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads that store accepted events, each with a session of its own on one connection: a thread sends an event's
 * messages, each durable send answered by the broker once synced, and then reports them stored. The webhook server's
 * threads never wait for the broker: should it hold sends back (its disk full, a broker far away reconnecting), only
 * these threads wait, while the receive route answers 503 when the store's time is up. After a failure the
 * connection is closed, and the next store opens a new one.
 * <p>
 * (Sends that do not wait, each acknowledged later through a confirmation window, lost acknowledged messages here:
 * with a queue paging and the machine busy, Artemis 2.40 acknowledged such sends before their page was written, and a
 * kill -9 lost up to 57 of them. Waiting sends from several threads share the journal's syncs as well.)
 */
public final class StoreConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StoreConnection.class);

    private final ConnectionFactory factory;
    private final ExecutorService threads;
    private final ThreadLocal<Sender> senders = new ThreadLocal<>();
    private Connection connection;
    private int generation;

    public StoreConnection(ConnectionFactory factory, ExecutorService threads) {
        this.factory = factory;
        this.threads = threads;
    }

    /** What becomes of one event's messages: all stored, or one not. */
    interface Outcome {
        void stored();

        void failed(Exception cause);
    }

    /** One message for one queue. */
    record Outgoing(String queue, String text, Map<String, Object> properties) {
    }

    /** Sends one event's messages on a store thread and reports when the broker has all of them, or could not. */
    void send(List<Outgoing> messages, Outcome outcome) {
        try {
            threads.execute(() -> sendNow(messages, outcome));
        } catch (RejectedExecutionException e) {
            outcome.failed(e);
        }
    }

    private void sendNow(List<Outgoing> messages, Outcome outcome) {
        Sender sender = null;
        try {
            sender = sender();
            for (Outgoing outgoing : messages) {
                TextMessage message = sender.session.createTextMessage(outgoing.text());
                for (Map.Entry<String, Object> property : outgoing.properties().entrySet()) {
                    message.setObjectProperty(property.getKey(), property.getValue());
                }
                sender.producer.send(sender.queue(outgoing.queue()), message);
            }
            outcome.stored();
        } catch (JMSException | RuntimeException e) {
            LOG.warn("Could not send an event to the broker ({}); the next event opens a new connection", e.getMessage());
            connectionFailed(sender);
            outcome.failed(e);
        }
    }

    /** This thread's session, opened on the current connection (and the connection too, if there is none). */
    private Sender sender() throws JMSException {
        Sender sender = senders.get();
        if (sender != null && sender.generation == currentGeneration()) {
            return sender;
        }
        synchronized (this) {
            if (connection == null) {
                connection = factory.createConnection();
                generation++;
            }
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(null);
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            sender = new Sender(session, producer, generation);
        }
        senders.set(sender);
        return sender;
    }

    private synchronized int currentGeneration() {
        return generation;
    }

    /** The connection the sender used is closed; every thread opens a session on the next one. */
    private synchronized void connectionFailed(Sender sender) {
        senders.remove();
        if (connection == null || sender != null && sender.generation != generation) {
            return;
        }
        Connection closing = connection;
        connection = null;
        try {
            closing.close();
        } catch (JMSException | RuntimeException e) {
            LOG.debug("Closing the store connection: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        threads.shutdown();
        try {
            if (!threads.awaitTermination(5, TimeUnit.SECONDS)) {
                threads.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connectionFailed(null);
    }

    /** One thread's session and producer, with the queues it has looked up. */
    private static final class Sender {
        private final Session session;
        private final MessageProducer producer;
        private final int generation;
        private final Map<String, Queue> queues = new HashMap<>();

        Sender(Session session, MessageProducer producer, int generation) {
            this.session = session;
            this.producer = producer;
            this.generation = generation;
        }

        Queue queue(String name) throws JMSException {
            Queue queue = queues.get(name);
            if (queue == null) {
                queue = session.createQueue(name);
                queues.put(name, queue);
            }
            return queue;
        }
    }
}
