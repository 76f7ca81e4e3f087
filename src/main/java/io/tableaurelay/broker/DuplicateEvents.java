package io.tableaurelay.broker;

import java.util.concurrent.atomic.AtomicLong;

import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.core.postoffice.RoutingStatus;
import org.apache.activemq.artemis.core.server.ServerSession;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerMessagePlugin;
import org.apache.activemq.artemis.core.transaction.Transaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the events that the embedded broker dropped as duplicates (Tableau's repeated requests), and logs each in
 * one line with its event id: a plugin of the broker, which sees the result of each send. An external broker drops duplicates where the relay
 * cannot see it, so there the count stays absent.
 */
public final class DuplicateEvents implements ActiveMQServerMessagePlugin {

    private static final Logger LOG = LoggerFactory.getLogger(DuplicateEvents.class);

    private final AtomicLong dropped = new AtomicLong();

    @Override
    public void afterSend(ServerSession session, Transaction tx, Message message, boolean direct,
            boolean noAutoCreateQueue, RoutingStatus result) {
        if (result == RoutingStatus.DUPLICATED_ID && "events".equals(String.valueOf(message.getAddress()))) {
            dropped.incrementAndGet();
            LOG.info("Dropped a duplicate of an event already received [event {}]", message.getDuplicateProperty());
        }
    }

    public long dropped() {
        return dropped.get();
    }
}
