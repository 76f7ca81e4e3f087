package io.tableaurelay.storm;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tableaurelay.broker.MessageCopies;
import io.tableaurelay.channel.Channel;
import io.tableaurelay.channel.Channels;
import io.tableaurelay.event.HeaderNames;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.jms.InvalidDestinationException;
import org.springframework.jms.core.JmsTemplate;

/**
 * Alert storms, in the broker: a channel with a group-wait holds each event in its queue {@code <channel>.held}
 * until the event's group closes, and a message on {@code groups.close}, which the broker keeps back until that
 * time, closes it. Closing takes every held message of the group and puts one message carrying them all on the
 * channel's queue, in one transaction: each event ends up in exactly one message, across crashes and with several
 * relay instances on one broker. Messages past a recipient's cap ({@link Caps}) are held the same way, as a fold
 * that closes when the cap's window ends.
 *
 * <p>A group that was sent takes the next events of its key as one follow-up, sent group-interval after it.
 */
public class Groups {

    /** The queue of group closings: one message a group, held back by the broker until the group closes. */
    public static final String CLOSINGS = "groups.close";

    /** On a message held until a set time (a maintenance window's end), that time: the sweep waits for it. */
    private static final String HELD_UNTIL = "relayHeldUntil";
    private static final long LAST_RECEIVE_MILLIS = 200;
    /** What a member of a group keeps of its message's headers: what templates, filters and the delivery log use. */
    private static final List<String> MEMBER_HEADERS = List.of("eventId", "eventType", "eventTypeLabel", "receivedAt",
            "resource", "resourceLuid", "resourceName", "siteLuid", "itemUrl", "itemProject", "itemOwner", "recipient",
            HeaderNames.REPEAT, HeaderNames.FAILURE_COUNT, HeaderNames.FAILING_SINCE, HeaderNames.RECOVERED_AFTER);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Channels channels;
    private final JmsTemplate jms;
    private final Duration capWindow;
    private final Duration sweepInterval;
    private final Clock clock;
    private final Map<String, OpenGroup> open = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastClosed = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> grouped = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> folded = new ConcurrentHashMap<>();

    /**
     * @param capWindow     the length of a cap's hour: how long a fold waits at most
     * @param sweepInterval how often {@link #sweep()} runs; a group later than its time by more is closed by it
     */
    public Groups(Channels channels, ConnectionFactory broker, Duration capWindow, Duration sweepInterval, Clock clock) {
        this.channels = channels;
        this.jms = new JmsTemplate(broker);
        this.jms.setSessionTransacted(true);
        this.capWindow = capWindow;
        this.sweepInterval = sweepInterval;
        this.clock = clock;
    }

    /** Whether the message waits for its group: the channel groups, and the message is one event, not a group. */
    public boolean holds(Exchange exchange) {
        return exchange.getMessage().getHeader(HeaderNames.GROUP_SIZE) == null && !channel(exchange).groupWait().isZero();
    }

    /**
     * Sets the message's group ({@code groupKey}) and makes sure the broker closes the group in time. One message at
     * a time, so that messages sent side by side agree on their group's time.
     */
    public synchronized void hold(Exchange exchange) {
        Channel channel = channel(exchange);
        GroupKey key = GroupKey.of(channel, exchange.getMessage());
        keep(exchange, key, closesAt(channel, key), false);
        grouped(channel.id()).incrementAndGet();
    }

    /** Holds a message in the group {@code key} until {@code until} (a maintenance window's end). */
    synchronized void holdUntil(Exchange exchange, GroupKey key, Instant until) {
        exchange.getMessage().setHeader(HELD_UNTIL, until.toEpochMilli());
        keep(exchange, key, until, false);
        grouped(key.channel()).incrementAndGet();
    }

    /** Holds a message past the recipient's cap, until {@code until}: then all of them go out as one. */
    synchronized void fold(Exchange exchange, Instant until) {
        Channel channel = channel(exchange);
        keep(exchange, GroupKey.fold(channel, exchange.getMessage()), until, true);
        folded(channel.id()).addAndGet(exchange.getMessage().getHeader(HeaderNames.GROUP_SIZE, 1, Integer.class));
    }

    private void keep(Exchange exchange, GroupKey key, Instant closesAt, boolean fold) {
        exchange.getMessage().setHeader(HeaderNames.GROUP_KEY, key.id());
        exchange.getMessage().setHeader(HeaderNames.HELD_AS_FOLD, fold);
        OpenGroup group = open.get(key.id());
        if (group == null || !group.closesAt().equals(closesAt)) {
            scheduleClosing(key, closesAt, fold);
            group = new OpenGroup(key.channel(), key.label(), 0, closesAt, fold);
        }
        open.put(key.id(), group.withOneMore());
    }

    /**
     * A new group waits group-wait; one whose last message went out less than group-interval ago waits for the rest
     * of that interval; an open group keeps its time.
     */
    private Instant closesAt(Channel channel, GroupKey key) {
        Instant now = clock.instant();
        OpenGroup group = open.get(key.id());
        if (group != null && group.closesAt().isAfter(now)) {
            return group.closesAt();
        }
        Instant last = lastClosed.get(key.id());
        Instant followUp = last == null ? now : last.plus(channel.groupInterval());
        return followUp.isAfter(now) ? followUp : now.plus(channel.groupWait());
    }

    private void scheduleClosing(GroupKey key, Instant closesAt, boolean fold) {
        scheduleClosing(key.channel(), key.id(), closesAt, fold);
    }

    private void scheduleClosing(String channel, String key, Instant closesAt, boolean fold) {
        jms.send(CLOSINGS, session -> {
            TextMessage closing = session.createTextMessage("");
            closing.setStringProperty("channel", channel);
            closing.setStringProperty(HeaderNames.GROUP_KEY, key);
            closing.setBooleanProperty(HeaderNames.FOLDED, fold);
            closing.setLongProperty(HeaderNames.SCHEDULED_DELIVERY, closesAt.toEpochMilli());
            // the same closing again (a message dispatched twice after a crash) is dropped by the broker
            closing.setStringProperty(HeaderNames.DUPLICATE_ID, "close:" + key + ":" + closesAt.toEpochMilli());
            return closing;
        });
    }

    /**
     * Closes a group (the message from {@code groups.close}): its held messages become one message on the channel's
     * queue, in one transaction. A group of one goes out as it came, so it reads as if it had never waited.
     */
    public void close(Exchange closing) {
        Message marker = closing.getMessage();
        Channel channel = channels.get(marker.getHeader("channel", String.class));
        String key = marker.getHeader(HeaderNames.GROUP_KEY, String.class);
        boolean fold = marker.getHeader(HeaderNames.FOLDED, false, Boolean.class);
        String groupId = key + "-" + clock.millis();
        jms.execute(session -> {
            List<TextMessage> held = takeHeld(session, channel, key);
            if (!held.isEmpty()) {
                TextMessage message = held.size() == 1 && !fold
                        ? alone(session, held.get(0)) : together(session, held, channel.id(), groupId, fold);
                try (MessageProducer producer = session.createProducer(session.createQueue(channel.queue()))) {
                    producer.send(message);
                }
            }
            session.commit();
            return null;
        }, true);
        open.remove(key);
        lastClosed.put(key, clock.instant());
    }

    private static List<TextMessage> takeHeld(Session session, Channel channel, String key) throws JMSException {
        List<TextMessage> held = new ArrayList<>();
        try (MessageConsumer consumer = session.createConsumer(session.createQueue(channel.held()),
                HeaderNames.GROUP_KEY + " = '" + key + "'")) {
            for (jakarta.jms.Message message = consumer.receive(LAST_RECEIVE_MILLIS); message != null;
                    message = consumer.receive(LAST_RECEIVE_MILLIS)) {
                held.add((TextMessage) message);
            }
        }
        return held;
    }

    /** The one held message, as it was, marked as sent on from its group. */
    private static TextMessage alone(Session session, TextMessage held) throws JMSException {
        TextMessage message = MessageCopies.copy(session, held, name -> !name.equals(HeaderNames.GROUP_KEY) && !name.equals(HeaderNames.HELD_AS_FOLD));
        message.setIntProperty(HeaderNames.GROUP_SIZE, 1);
        return message;
    }

    /**
     * One message for the group: its body lists each event with what its message said about it ({@code
     * {"events": [{"event": ..., "headers": ...}]}}); a held group (a fold of groups) gives its events.
     */
    private static TextMessage together(Session session, List<TextMessage> held, String channel, String groupId,
            boolean fold) throws JMSException {
        ArrayNode events = JSON.createArrayNode();
        for (TextMessage message : held) {
            if (message.propertyExists(HeaderNames.GROUP_EVENTS)) {
                events.addAll((ArrayNode) read(message.getText()).path("events"));
            } else {
                ObjectNode member = events.addObject();
                member.set("event", read(message.getText()));
                ObjectNode headers = member.putObject("headers");
                for (String name : MEMBER_HEADERS) {
                    if (message.propertyExists(name)) {
                        headers.put(name, message.getObjectProperty(name).toString());
                    }
                }
            }
        }
        List<ObjectNode> members = new ArrayList<>();
        events.forEach(member -> members.add((ObjectNode) member));
        members.sort(Comparator.comparing(member -> member.path("headers").path("receivedAt").asText()));
        ObjectNode first = (ObjectNode) members.get(0).path("headers");
        TextMessage message = session.createTextMessage(JSON.createObjectNode().set("events",
                JSON.createArrayNode().addAll(members)).toString());
        message.setStringProperty("channel", channel);
        message.setStringProperty(HeaderNames.EVENT_ID, groupId);
        message.setStringProperty(HeaderNames.EVENT_TYPE, first.path("eventType").asText());
        message.setStringProperty(HeaderNames.EVENT_TYPE_LABEL, first.path("eventTypeLabel").asText());
        message.setStringProperty(HeaderNames.RECEIVED_AT, first.path("receivedAt").asText());
        message.setStringProperty(HeaderNames.RECIPIENT, first.path("recipient").asText(""));
        message.setIntProperty(HeaderNames.GROUP_SIZE, members.size());
        message.setStringProperty(HeaderNames.GROUP_EVENTS, String.join(",",
                members.stream().map(member -> member.path("headers").path("eventId").asText()).toList()));
        message.setBooleanProperty(HeaderNames.FOLDED, fold);
        if (held.get(0).propertyExists(HeaderNames.MAINTENANCE_WINDOW)) {
            message.setStringProperty(HeaderNames.MAINTENANCE_WINDOW, held.get(0).getStringProperty(HeaderNames.MAINTENANCE_WINDOW));
        }
        message.setStringProperty(HeaderNames.DUPLICATE_ID, groupId);
        return message;
    }

    private static com.fasterxml.jackson.databind.JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a held message is not JSON", e);
        }
    }

    /**
     * A safety net, run every group-sweep-interval (routes/groups.yaml): an event held longer than its group could
     * wait (group-wait and group-interval, or a cap's window, and one sweep more; a maintenance window's end and one
     * sweep more), whose closing was lost (a transaction rolled back after the relay counted its group as scheduled),
     * gets a closing now. A group closed twice is no harm: the second closing finds nothing.
     */
    public void sweep() {
        Instant now = clock.instant();
        for (Channel channel : channels.on()) {
            Duration longest = channel.groupWait().plus(channel.groupInterval()).plus(sweepInterval)
                    .plus(channel.maxPerHour() > 0 ? capWindow : Duration.ZERO);
            overdue(channel, now.minus(longest), now.minus(sweepInterval))
                    .forEach((key, fold) -> scheduleClosing(channel.id(), key, now, fold));
        }
    }

    /**
     * The groups of a channel with an event held since before {@code since}, or held until a set time before {@code
     * dueBefore} (a maintenance window's end), and whether each is a fold.
     */
    private Map<String, Boolean> overdue(Channel channel, Instant since, Instant dueBefore) {
        try {
            return jms.browse(channel.held(), (session, browser) -> {
                Map<String, Boolean> keys = new HashMap<>();
                for (Enumeration<?> held = browser.getEnumeration(); held.hasMoreElements(); ) {
                    jakarta.jms.Message message = (jakarta.jms.Message) held.nextElement();
                    if (message.propertyExists(HELD_UNTIL) ? message.getLongProperty(HELD_UNTIL) < dueBefore.toEpochMilli()
                            : message.getJMSTimestamp() < since.toEpochMilli()) {
                        keys.put(message.getStringProperty(HeaderNames.GROUP_KEY), message.getBooleanProperty(HeaderNames.HELD_AS_FOLD));
                    }
                }
                return keys;
            });
        } catch (InvalidDestinationException e) {
            return Map.of();
        }
    }

    /** The groups this relay instance holds open, soonest to close first. */
    public List<OpenGroup> open() {
        return open.values().stream().sorted(Comparator.comparing(OpenGroup::closesAt)).toList();
    }

    /** Events that waited in a group of the channel. */
    public AtomicLong grouped(String channel) {
        return grouped.computeIfAbsent(channel, id -> new AtomicLong());
    }

    /** Events past a recipient's cap, folded into one message at the end of the cap's window. */
    public AtomicLong folded(String channel) {
        return folded.computeIfAbsent(channel, id -> new AtomicLong());
    }

    private Channel channel(Exchange exchange) {
        return channels.get(exchange.getFromRouteId());
    }
}
