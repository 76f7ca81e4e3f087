package io.tableaurelay.broker;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

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
 * The sessions that store accepted events, on one connection of their own, whose client asks the broker to
 * acknowledge each send once it is synced (a confirmation window). A JMS session serves one thread at a time: a
 * store takes an idle one and gives it back after its sends, which return at once. A session whose send failed is
 * closed; when the connection fails (an external broker gone), the next store opens a new one.
 */
public final class StoreSessions implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StoreSessions.class);

    private final ConnectionFactory factory;
    private final int maxSessions;
    private final ConcurrentLinkedQueue<Sender> idle = new ConcurrentLinkedQueue<>();
    private final AtomicInteger open = new AtomicInteger();
    private Connection connection;
    private int generation;

    public StoreSessions(ConnectionFactory factory, int maxSessions) {
        this.factory = factory;
        this.maxSessions = maxSessions;
    }

    /** An idle session, or a new one while fewer than the most are open. */
    Sender take() throws JMSException {
        Sender sender = idle.poll();
        while (sender != null && sender.generation != currentGeneration()) {
            sender.close();
            sender = idle.poll();
        }
        if (sender != null) {
            return sender;
        }
        if (open.incrementAndGet() > maxSessions) {
            open.decrementAndGet();
            throw new JMSException("all " + maxSessions + " store sessions are busy");
        }
        try {
            return newSender();
        } catch (JMSException | RuntimeException e) {
            open.decrementAndGet();
            throw e;
        }
    }

    void give(Sender sender) {
        idle.offer(sender);
    }

    void discard(Sender sender) {
        if (sender != null) {
            sender.close();
        }
    }

    private synchronized int currentGeneration() {
        return generation;
    }

    private synchronized Sender newSender() throws JMSException {
        if (connection == null) {
            Connection opened = factory.createConnection();
            int opening = ++generation;
            opened.setExceptionListener(e -> connectionFailed(opening, e));
            connection = opened;
        }
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        return new Sender(session, session.createProducer(null), generation);
    }

    /** The connection is gone: its sessions are closed as they come back, and the next store opens a new one. */
    private synchronized void connectionFailed(int failed, JMSException e) {
        if (failed != generation || connection == null) {
            return;
        }
        LOG.warn("The connection that stores events failed ({}); the next event opens a new one", e.getMessage());
        Connection gone = connection;
        connection = null;
        generation++;
        try {
            gone.close();
        } catch (JMSException | RuntimeException ignored) {
            // already broken
        }
    }

    @Override
    public synchronized void close() {
        idle.forEach(Sender::close);
        idle.clear();
        if (connection != null) {
            try {
                connection.close();
            } catch (JMSException e) {
                LOG.debug("Closing the store connection: {}", e.getMessage());
            }
            connection = null;
        }
    }

    /** One session and its producer, with the queues it has looked up. */
    final class Sender {

        private final Session session;
        private final MessageProducer producer;
        private final int generation;
        private final Map<String, Queue> queues = new HashMap<>();

        Sender(Session session, MessageProducer producer, int generation) throws JMSException {
            this.session = session;
            this.producer = producer;
            this.generation = generation;
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        }

        TextMessage message(String text) throws JMSException {
            return session.createTextMessage(text);
        }

        void send(String queue, TextMessage message, CompletionListener stored) throws JMSException {
            Queue destination = queues.get(queue);
            if (destination == null) {
                destination = session.createQueue(queue);
                queues.put(queue, destination);
            }
            producer.send(destination, message, stored);
        }

        void close() {
            open.decrementAndGet();
            try {
                session.close();
            } catch (JMSException | RuntimeException e) {
                LOG.debug("Closing a store session: {}", e.getMessage());
            }
        }
    }
}
