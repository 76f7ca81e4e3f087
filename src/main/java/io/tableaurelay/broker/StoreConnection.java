package io.tableaurelay.broker;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

import jakarta.jms.CompletionListener;
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
 * The one thread and session that store accepted events, on a connection of their own whose client asks the broker to
 * acknowledge each send once it is synced (a confirmation window). Sends return at once, so one thread keeps up with
 * the webhook server; and should the broker hold sends back (its disk full, a broker far away reconnecting), only this
 * thread waits, while the webhook server's threads answer 503 when the store's time is up. After a failure the
 * connection is closed, and the next store opens a new one.
 */
public final class StoreConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StoreConnection.class);

    private final ConnectionFactory factory;
    private final ExecutorService thread;
    private Connection connection;
    private Session session;
    private MessageProducer producer;
    private final Map<String, Queue> queues = new HashMap<>();

    public StoreConnection(ConnectionFactory factory, ExecutorService thread) {
        this.factory = factory;
        this.thread = thread;
    }

    /** One message for one queue. */
    record Outgoing(String queue, String text, Map<String, Object> properties) {
    }

    /**
     * Sends the messages on the store's thread, each acknowledged to {@code stored} once synced; a message that
     * cannot be sent fails {@code stored} at once.
     */
    void send(List<Outgoing> messages, CompletionListener stored) {
        try {
            thread.execute(() -> sendNow(messages, stored));
        } catch (RejectedExecutionException e) {
            stored.onException(null, e);
        }
    }

    private void sendNow(List<Outgoing> messages, CompletionListener stored) {
        try {
            open();
            for (Outgoing outgoing : messages) {
                TextMessage message = session.createTextMessage(outgoing.text());
                for (Map.Entry<String, Object> property : outgoing.properties().entrySet()) {
                    message.setObjectProperty(property.getKey(), property.getValue());
                }
                producer.send(queue(outgoing.queue()), message, stored);
            }
        } catch (JMSException | RuntimeException e) {
            LOG.warn("Could not send an event to the broker ({}); the next event opens a new connection", e.getMessage());
            closeConnection();
            stored.onException(null, e);
        }
    }

    private void open() throws JMSException {
        if (connection == null) {
            connection = factory.createConnection();
            session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            producer = session.createProducer(null);
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        }
    }

    private Queue queue(String name) throws JMSException {
        Queue queue = queues.get(name);
        if (queue == null) {
            queue = session.createQueue(name);
            queues.put(name, queue);
        }
        return queue;
    }

    private void closeConnection() {
        queues.clear();
        Connection closing = connection;
        connection = null;
        session = null;
        producer = null;
        if (closing != null) {
            try {
                closing.close();
            } catch (JMSException | RuntimeException e) {
                LOG.debug("Closing the store connection: {}", e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeConnection();
    }
}
