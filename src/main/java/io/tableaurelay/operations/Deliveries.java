package io.tableaurelay.operations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tableaurelay.event.HeaderNames;
import io.tableaurelay.event.TableauEvent;
import io.tableaurelay.silence.Silences;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * What the routes report about each event: received (receive route), delivered (each channel route) and a failed
 * attempt (the channels' retry handling, after the retry policy decided). Keeps the delivery log, each channel's
 * activity, and the time from receipt to delivery per channel ({@code relay_delivery_latency_seconds}).
 */
public class Deliveries {

    private final DeliveryLog log;
    private final Map<String, ChannelActivity> activity = new ConcurrentHashMap<>();
    private final Map<String, Timer> latencies = new ConcurrentHashMap<>();
    private final MeterRegistry meters;
    private final Clock clock;

    public Deliveries(DeliveryLog log, MeterRegistry meters, Clock clock) {
        this.log = log;
        this.meters = meters;
        this.clock = clock;
    }

    public void received(TableauEvent event) {
        log.received(event);
    }

    /** Called at the end of a channel route: the channel took the message. */
    public void delivered(Exchange exchange) {
        Message message = exchange.getMessage();
        String channel = exchange.getFromRouteId();
        Instant now = clock.instant();
        int attempts = message.getHeader(HeaderNames.ATTEMPT, 0, Integer.class) + 1;
        record(exchange, new ChannelOutcome(ChannelOutcome.DELIVERED, attempts,
                message.getHeader(HeaderNames.LAST_ERROR, String.class), now.toString(), carrier(message)));
        activity(channel).delivered(now);
        receivedAt(message).ifPresent(received -> latency(channel).record(Duration.between(received, now)));
    }

    /** The channel's timer from receipt to delivery, made once. */
    private Timer latency(String channel) {
        return latencies.computeIfAbsent(channel, id -> Timer.builder("relay.delivery.latency")
                .description("Time from receiving an event to a channel taking its message")
                .tag("channel", id)
                .register(meters));
    }

    /** Called when a send failed, after the retry policy wrote its decision into the headers. */
    public void failed(Exchange exchange) {
        Message message = exchange.getMessage();
        String channel = exchange.getFromRouteId();
        Instant now = clock.instant();
        boolean giveUp = message.getHeader(HeaderNames.GIVE_UP, false, Boolean.class);
        String error = message.getHeader(HeaderNames.LAST_ERROR, String.class);
        record(exchange, new ChannelOutcome(giveUp ? ChannelOutcome.DEAD_LETTERED : ChannelOutcome.RETRYING,
                message.getHeader(HeaderNames.ATTEMPT, 1, Integer.class), error, now.toString(), carrier(message)));
        activity(channel).failed(now, error, giveUp);
    }

    /** Called when an event waits for its group's message ({@code grouped}) or is folded past a cap ({@code folded}). */
    public void held(Exchange exchange, String outcome) {
        record(exchange, new ChannelOutcome(outcome, 0, null, clock.instant().toString(),
                exchange.getMessage().getHeader(HeaderNames.GROUP_KEY, String.class)));
    }

    /** Called when a channel's filter on a project or a site's name left out the event once Tableau named them. */
    public void filtered(Exchange exchange) {
        record(exchange, new ChannelOutcome("filtered", 0, null, clock.instant().toString(), null));
    }

    /**
     * An action (refresh, mute, snooze, lift) taken from a message's link or by an admin, as an entry of its own: its
     * event type {@code Action<Name>} ("ActionMute"), the item, who took it in place of the resource ("a link from
     * slack"), and under {@code actions} how it went ({@code done}, {@code failed}, {@code refused}) with what it did.
     */
    public void action(String action, String item, String by, String outcome, String detail) {
        String now = clock.instant().toString();
        String type = "Action" + (action.isEmpty() ? "" : Character.toUpperCase(action.charAt(0)) + action.substring(1));
        log.add(new DeliveryRecord("action-" + UUID.randomUUID(), now, type, item, by, null,
                Map.of("actions", new ChannelOutcome(outcome, 0, detail == null || detail.isEmpty() ? null : detail,
                        now, null))));
    }

    /** Called when a silence held the event back: the header {@code silencedBy} names it. */
    public void silenced(Exchange exchange) {
        record(exchange, new ChannelOutcome(ChannelOutcome.SILENCED, 0, null, clock.instant().toString(), null,
                "silenced by " + exchange.getMessage().getHeader(Silences.SILENCED_BY, String.class)));
    }

    /** What the channel (a channel route's id) has done since the relay started. */
    public ChannelActivity activity(String channel) {
        return activity.computeIfAbsent(channel, id -> new ChannelActivity());
    }

    /**
     * Records the outcome for the message's event, or for each event of a group. A message without the metric label
     * of its event type (a message from before an upgrade) gets {@code other}: the counting after a send that
     * succeeded must not fail it.
     */
    private void record(Exchange exchange, ChannelOutcome outcome) {
        Message message = exchange.getMessage();
        if (message.getHeader(HeaderNames.EVENT_TYPE_LABEL) == null) {
            message.setHeader(HeaderNames.EVENT_TYPE_LABEL, "other");
        }
        String events = message.getHeader(HeaderNames.GROUP_EVENTS, message.getHeader(HeaderNames.EVENT_ID, String.class), String.class);
        for (String eventId : events.split(",")) {
            log.record(eventId, message.getHeader(HeaderNames.EVENT_TYPE, String.class),
                    message.getHeader(HeaderNames.RECEIVED_AT, String.class), exchange.getFromRouteId(), outcome);
        }
    }

    /** The id of a group's message, which carries its events; null for a message of one event. */
    private static String carrier(Message message) {
        return message.getHeader(HeaderNames.GROUP_EVENTS) == null ? null : message.getHeader(HeaderNames.EVENT_ID, String.class);
    }

    private static Optional<Instant> receivedAt(Message message) {
        String receivedAt = message.getHeader(HeaderNames.RECEIVED_AT, String.class);
        try {
            return Optional.ofNullable(receivedAt).map(Instant::parse);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
