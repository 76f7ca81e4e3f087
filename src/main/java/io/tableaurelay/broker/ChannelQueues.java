package io.tableaurelay.broker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.tableaurelay.event.ChannelMessage;
import io.tableaurelay.event.HeaderNames;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.AsyncProcessorSupport;

/**
 * The receive route's store: puts an accepted event on the queue of each channel that wants it, one message for
 * each {@link ChannelMessage} in the header {@code channelMessages}, each with its duplicate id, and lets the route go
 * on once the broker has synced every one of them to its journal. No thread of the webhook server waits for the sync:
 * a thread of {@link StoreConnection} sends them and, once the broker has all of them, continues the route. When the
 * broker refuses a message or does not confirm in time ({@code webhook.store-timeout}), or more than
 * {@code webhook.max-in-flight} events wait for the broker, the route fails with {@link NotStored} instead (503).
 * The event's JSON is the body; its headers that are plain values travel as message properties.
 */
public final class ChannelQueues extends AsyncProcessorSupport {


    private final StoreConnection connection;
    private final Semaphore inFlight;
    private final int maxInFlight;
    private final Duration timeout;
    private final ScheduledExecutorService timer;

    public ChannelQueues(StoreConnection connection, int maxInFlight, Duration timeout, ScheduledExecutorService timer) {
        this.connection = connection;
        this.inFlight = new Semaphore(maxInFlight);
        this.maxInFlight = maxInFlight;
        this.timeout = timeout;
        this.timer = timer;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        List<?> messages = exchange.getMessage().getHeader(HeaderNames.CHANNEL_MESSAGES, List.class);
        exchange.getMessage().removeHeader(HeaderNames.CHANNEL_MESSAGES);
        if (messages == null || messages.isEmpty()) {
            callback.done(true);
            return true;
        }
        if (!inFlight.tryAcquire()) {
            exchange.setException(new NotStored("more than " + maxInFlight + " events wait for the broker (webhook.max-in-flight)"));
            callback.done(true);
            return true;
        }
        Store store = new Store(exchange, callback);
        store.timeout = timer.schedule(() -> store.failed(new NotStored("the broker did not confirm within "
                + timeout.toMillis() + " ms (webhook.store-timeout)")), timeout.toMillis(), TimeUnit.MILLISECONDS);
        String eventId = exchange.getMessage().getHeader(HeaderNames.EVENT_ID, String.class);
        String body = exchange.getMessage().getBody(String.class);
        Map<String, Object> headers = plainHeaders(exchange.getMessage().getHeaders());
        List<StoreConnection.Outgoing> outgoing = new ArrayList<>(messages.size());
        for (Object each : messages) {
            ChannelMessage target = (ChannelMessage) each;
            Map<String, Object> properties = new HashMap<>(headers);
            properties.put("channel", target.channel());
            properties.put(HeaderNames.RECIPIENT, target.recipient());
            properties.put(HeaderNames.DUPLICATE_ID, target.duplicateId(eventId));
            if (outgoing.isEmpty()) {
                properties.put(HeaderNames.FIRST_OF_EVENT, true);
            }
            outgoing.add(new StoreConnection.Outgoing(target.channel(), body, properties));
        }
        connection.send(outgoing, store);
        return false;
    }

    /** The headers that are plain values (eventId, eventType, repeat, ...); not Camel's, not HTTP's. */
    private static Map<String, Object> plainHeaders(Map<String, Object> headers) {
        Map<String, Object> plain = new HashMap<>();
        for (Map.Entry<String, Object> header : headers.entrySet()) {
            Object value = header.getValue();
            if ((value instanceof String || value instanceof Boolean || value instanceof Integer || value instanceof Long)
                    && isPropertyName(header.getKey())) {
                plain.put(header.getKey(), value);
            }
        }
        return plain;
    }

    private static boolean isPropertyName(String name) {
        if (name.startsWith("Camel") || name.startsWith("JMS") || !Character.isJavaIdentifierStart(name.charAt(0))) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            if (!Character.isJavaIdentifierPart(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** One event's messages on their way into the broker: answered once, when all are stored or one is not. */
    private final class Store implements StoreConnection.Outcome {

        private final Exchange exchange;
        private final AsyncCallback callback;
        private final AtomicBoolean answered = new AtomicBoolean();
        private volatile ScheduledFuture<?> timeout;

        Store(Exchange exchange, AsyncCallback callback) {
            this.exchange = exchange;
            this.callback = callback;
        }

        @Override
        public void stored() {
            answer(null);
        }

        @Override
        public void failed(Exception cause) {
            answer(cause instanceof NotStored ? cause : new NotStored("the broker did not store the event", cause));
        }

        /** Answers the route once. */
        private void answer(Exception failure) {
            if (!answered.compareAndSet(false, true)) {
                return;
            }
            ScheduledFuture<?> pending = timeout;
            if (pending != null) {
                pending.cancel(false);
            }
            inFlight.release();
            if (failure != null) {
                exchange.setException(failure);
            }
            callback.done(false);
        }
    }
}
