package io.tableaurelay.broker;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import io.tableaurelay.event.HeaderNames;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.core.postoffice.RoutingStatus;
import org.apache.activemq.artemis.core.server.ServerSession;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerPlugin;
import org.apache.activemq.artemis.core.transaction.Transaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tableau's duplicates, as the embedded broker sees them on the channels' queues (each message of an event carries
 * the id {@code <event id>:<channel>:<recipient>}): a plugin of the broker, which sees each send before and after the
 * broker stores it.
 * <ul>
 * <li>Copies of one event that arrive at the same moment (Tableau sends some events from two of its nodes) are
 * stored one after the other. The broker looks the event's id up and records it in two steps; two copies sent
 * between them were both stored, and then delivered twice.</li>
 * <li>Each copy of an event the broker dropped is counted and logged in one line with its event id (on its first
 * message, so a copy counts once whatever the number of its channels).</li>
 * </ul>
 * An external broker drops duplicates where the relay cannot see it, so there the count stays absent.
 */
public final class DuplicateEvents implements ActiveMQServerPlugin {

    private static final Logger LOG = LoggerFactory.getLogger(DuplicateEvents.class);
    /** Sends of events whose ids share a stripe wait for each other, for as long as the broker takes to route one. */
    private static final int STRIPES = 64;
    private static final long STRIPE_WAIT_SECONDS = 10;

    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
    /** The stripe the current thread holds from before a send of an event to after it. */
    private final ThreadLocal<ReentrantLock> held = new ThreadLocal<>();
    private final AtomicLong dropped = new AtomicLong();

    public DuplicateEvents() {
        Arrays.setAll(stripes, i -> new ReentrantLock());
    }

    @Override
    public void beforeSend(ServerSession session, Transaction tx, Message message, boolean direct,
            boolean noAutoCreateQueue) {
        if (message.getDuplicateIDBytes() != null) {
            ReentrantLock stripe = stripes[Math.floorMod(Arrays.hashCode(message.getDuplicateIDBytes()), STRIPES)];
            if (waitFor(stripe)) {
                held.set(stripe);
            }
        }
    }

    @Override
    public void afterSend(ServerSession session, Transaction tx, Message message, boolean direct,
            boolean noAutoCreateQueue, RoutingStatus result) {
        release();
        if (result == RoutingStatus.DUPLICATED_ID && Boolean.TRUE.equals(message.getBooleanProperty(HeaderNames.FIRST_OF_EVENT))) {
            dropped.incrementAndGet();
            LOG.info("Dropped a duplicate of an event already received [event {}]", message.getStringProperty(HeaderNames.EVENT_ID));
        }
    }

    @Override
    public void onSendException(ServerSession session, Transaction tx, Message message, boolean direct,
            boolean noAutoCreateQueue, Exception e) {
        release();
    }

    public long dropped() {
        return dropped.get();
    }

    /**
     * A stripe is held for the microseconds the broker takes to route one send. Should one be held far longer (a
     * thread that died between before and after its send), the send goes on with the broker's own check alone.
     */
    private static boolean waitFor(ReentrantLock stripe) {
        try {
            if (stripe.tryLock(STRIPE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                return true;
            }
            LOG.warn("Stored an event without holding its copies apart: another send held their turn for {} s",
                    STRIPE_WAIT_SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private void release() {
        ReentrantLock stripe = held.get();
        if (stripe != null) {
            held.remove();
            stripe.unlock();
        }
    }
}
