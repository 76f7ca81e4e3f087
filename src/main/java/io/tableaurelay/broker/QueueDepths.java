package io.tableaurelay.broker;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;

/**
 * How many messages wait in each queue, as the broker counts them (retries that are held back until their
 * time included, which a queue browser would not show). Asks the broker through its management address, which
 * works the same for the embedded and an external Artemis; the answer is kept for a second, so that a scrape,
 * a health check and the status page asking at once cost one round of questions.
 */
public class QueueDepths {

    private static final String MANAGEMENT_ADDRESS = "activemq.management";
    private static final long REPLY_TIMEOUT_MILLIS = 2000;
    private static final long KEEP_MILLIS = 1000;

    private final ConnectionFactory connectionFactory;
    private final Supplier<List<String>> queues;
    private Map<String, Long> last = Map.of();
    private long lastAt;

    /** @param queues the queues to count: the events queue, each channel's queue and each dead-letter queue */
    public QueueDepths(ConnectionFactory connectionFactory, Supplier<List<String>> queues) {
        this.connectionFactory = connectionFactory;
        this.queues = queues;
    }

    /** Messages in the queue, -1 when the broker cannot be asked. A queue not yet created has 0. */
    public long depth(String queue) {
        return snapshot().getOrDefault(queue, -1L);
    }

    public synchronized Map<String, Long> snapshot() {
        if (System.currentTimeMillis() - lastAt > KEEP_MILLIS) {
            last = ask();
            lastAt = System.currentTimeMillis();
        }
        return last;
    }

    private Map<String, Long> ask() {
        Map<String, Long> depths = new LinkedHashMap<>();
        try (Connection connection = connectionFactory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TemporaryQueue replies = session.createTemporaryQueue();
            try (MessageProducer producer = session.createProducer(session.createQueue(MANAGEMENT_ADDRESS));
                    MessageConsumer consumer = session.createConsumer(replies)) {
                for (String queue : queues.get()) {
                    depths.put(queue, messageCount(session, producer, consumer, replies, queue));
                }
            } finally {
                replies.delete();
                session.close();
            }
        } catch (Exception e) {
            return Map.of();
        }
        return depths;
    }

    private static long messageCount(Session session, MessageProducer producer, MessageConsumer consumer,
            TemporaryQueue replies, String queue) throws Exception {
        Message question = session.createMessage();
        JMSManagementHelper.putAttribute(question, "queue." + queue, "messageCount");
        question.setJMSReplyTo(replies);
        producer.send(question);
        Message answer = consumer.receive(REPLY_TIMEOUT_MILLIS);
        if (answer == null) {
            throw new JMSException("the broker did not answer");
        }
        // a queue that does not exist yet is auto-created on its first message: nothing waits in it
        return JMSManagementHelper.hasOperationSucceeded(answer)
                ? ((Number) JMSManagementHelper.getResult(answer)).longValue() : 0L;
    }
}
