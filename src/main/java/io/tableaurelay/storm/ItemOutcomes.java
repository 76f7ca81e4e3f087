package io.tableaurelay.storm;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import io.tableaurelay.event.EventType;
import io.tableaurelay.event.HeaderNames;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Each item's latest outcome, kept in {@link StormState} so that it survives restarts: the receive route asks it about every
 * failure and success before the channels' filters, and learns whether a failure repeats one of the last
 * repeat-interval (header {@code repeat}, with {@code failureCount} and {@code failingSince}) and how many failures a
 * success ended (header {@code recoveredAfter}). An item is the event's resource and the kind of event: a data
 * source's refreshes are one item, its deletion another.
 */
public class ItemOutcomes {


    private final StormState state;
    private final Duration repeatInterval;
    private final Clock clock;

    public ItemOutcomes(StormState state, Duration repeatInterval, Clock clock) {
        this.state = state;
        this.repeatInterval = repeatInterval;
        this.clock = clock;
    }

    /** Synchronized: two events of one item, received side by side, are taken one after the other. */
    public synchronized void record(Exchange exchange) {
        Message message = exchange.getMessage();
        String eventType = message.getHeader(HeaderNames.EVENT_TYPE, String.class);
        String luid = message.getHeader(HeaderNames.RESOURCE_LUID, String.class);
        String eventId = message.getHeader(HeaderNames.EVENT_ID, String.class);
        String outcome = eventType == null ? "" : EventType.outcome(eventType);
        if (luid == null || luid.isEmpty() || !("failure".equals(outcome) || "success".equals(outcome))) {
            return;
        }
        String item = luid + "/" + EventType.family(eventType);
        ItemHistory before = state.item(item).map(ItemHistory::parse).orElse(null);
        ItemHistory after = before;
        // a copy of an event (Tableau sends some twice) gets what it got the first time
        if (before == null || !before.eventId().equals(eventId)) {
            after = ItemHistory.after(before, eventId, "failure".equals(outcome), receivedAt(message), repeatInterval);
            state.item(item, after.format());
        }
        message.setHeader(HeaderNames.REPEAT, after.repeat());
        message.setHeader(HeaderNames.FAILURE_COUNT, after.failures());
        if (after.since() != null) {
            message.setHeader(HeaderNames.FAILING_SINCE, after.since().toString());
        }
        message.setHeader(HeaderNames.RECOVERED_AFTER, after.recoveredAfter());
    }

    private Instant receivedAt(Message message) {
        try {
            return Instant.parse(message.getHeader(HeaderNames.RECEIVED_AT, String.class));
        } catch (DateTimeParseException | NullPointerException e) {
            return clock.instant();
        }
    }
}
