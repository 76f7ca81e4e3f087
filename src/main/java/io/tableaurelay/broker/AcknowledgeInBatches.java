package io.tableaurelay.broker;

import java.util.function.ToIntFunction;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import org.apache.camel.component.jms.DefaultJmsMessageListenerContainer;
import org.apache.camel.component.jms.JmsEndpoint;
import org.apache.camel.component.jms.MessageListenerContainerFactory;
import org.springframework.jms.listener.AbstractMessageListenerContainer;
import org.springframework.transaction.TransactionStatus;

/**
 * The channels' consumers (routes/channel.yaml): a consumer that acknowledges its messages one by one (client
 * acknowledgement) acknowledges every {@code batch} messages instead, and at once when no message waits for it, so
 * that the broker writes one acknowledgement for many. A message is still acknowledged only after its route is done;
 * a crash sends again at most the last {@code batch} messages of each consumer. The batch of each queue comes from
 * {@code batchOfQueue} (1: each message, as usual).
 */
public final class AcknowledgeInBatches implements MessageListenerContainerFactory {

    private final ToIntFunction<String> batchOfQueue;

    public AcknowledgeInBatches(ToIntFunction<String> batchOfQueue) {
        this.batchOfQueue = batchOfQueue;
    }

    @Override
    public AbstractMessageListenerContainer createMessageListenerContainer(JmsEndpoint endpoint) {
        return new Container(endpoint, batchOfQueue.applyAsInt(endpoint.getDestinationName()));
    }

    /** Each consumer thread keeps its own session (cached), and so its own messages not yet acknowledged. */
    private static final class Container extends DefaultJmsMessageListenerContainer {

        private final int batch;
        private final ThreadLocal<Unacknowledged> unacknowledged = ThreadLocal.withInitial(Unacknowledged::new);

        Container(JmsEndpoint endpoint, int batch) {
            super(endpoint);
            this.batch = batch;
        }

        @Override
        protected void commitIfNecessary(Session session, Message message) throws JMSException {
            if (batch <= 1 || message == null || session.getTransacted() || !isClientAcknowledge(session)) {
                super.commitIfNecessary(session, message);
                return;
            }
            Unacknowledged waiting = unacknowledged.get();
            waiting.last = message;
            if (++waiting.count >= batch) {
                waiting.acknowledge();
            }
        }

        /** The next message already taken ahead, or else, before waiting for one, the acknowledgement of the rest. */
        @Override
        protected Message receiveMessage(MessageConsumer consumer) throws JMSException {
            Unacknowledged waiting = unacknowledged.get();
            if (waiting.last == null) {
                return super.receiveMessage(consumer);
            }
            Message next = consumer.receiveNoWait();
            if (next != null) {
                return next;
            }
            waiting.acknowledge();
            return super.receiveMessage(consumer);
        }

        /** Once the consumer stops (a pause, a shutdown) after a message, what it handled is acknowledged. */
        @Override
        protected boolean doReceiveAndExecute(Object invoker, Session session, MessageConsumer consumer,
                TransactionStatus status) throws JMSException {
            boolean received = super.doReceiveAndExecute(invoker, session, consumer, status);
            Unacknowledged waiting = unacknowledged.get();
            if (!isRunning() && waiting.last != null) {
                waiting.acknowledge();
            }
            return received;
        }

        /** Messages handled and not yet acknowledged (the last one acknowledges all of its session's). */
        private static final class Unacknowledged {
            private Message last;
            private int count;

            void acknowledge() throws JMSException {
                Message message = last;
                last = null;
                count = 0;
                message.acknowledge();
            }
        }
    }
}
