package io.tableaurelay.channel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.tableaurelay.event.ChannelMessage;
import io.tableaurelay.event.EventType;
import io.tableaurelay.event.HeaderNames;
import io.tableaurelay.settings.Settings;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.RouteBuilderLifecycleStrategy;
import org.apache.camel.model.TemplatedRouteDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's channels: every {@code templatedRoute} of the channel template in routes/*.yaml, learned as Camel
 * reads the route files, before any route starts. This is the one list of channels: the receive route asks it which
 * channels want an event, and dead letters, queue depths, health, metrics, the delivery log, the status page,
 * test messages, registration and the log's secret masking all go through it.
 */
public final class Channels implements RouteBuilderLifecycleStrategy {

    /** The route template that every channel file uses (routes/channel.yaml). */
    public static final String TEMPLATE = "channel";
    /** The template parameter through which a channel's route knows its id (its routeId). */
    static final String ID_PARAMETER = "channel";

    private static final Logger LOG = LoggerFactory.getLogger(Channels.class);

    private final Settings settings;
    private final Map<String, Channel> channels = new LinkedHashMap<>();
    private final Map<String, AtomicLong> repeatsDropped = new ConcurrentHashMap<>();

    public Channels(Settings settings) {
        this.settings = settings;
    }

    @Override
    public void afterConfigure(RouteBuilder builder) {
        for (TemplatedRouteDefinition route : builder.getTemplatedRouteCollection().getTemplatedRoutes()) {
            if (TEMPLATE.equals(route.getRouteTemplateRef())) {
                add(ChannelDeclaration.read(route, settings));
                route.parameter(ID_PARAMETER, route.getRouteId());
            }
        }
    }

    synchronized void add(Channel channel) {
        Channel other = channels.get(channel.id());
        if (other != null) {
            throw new InvalidChannelException(channel.file(), "the channel id " + channel.id() + " is taken by "
                    + other.file() + " already; give each channel file its own routeId");
        }
        channels.put(channel.id(), channel);
        LOG.info(channel.describe());
    }

    /** Every channel, on or off, in the order the route files were read. */
    public synchronized List<Channel> all() {
        return List.copyOf(channels.values());
    }

    public synchronized List<Channel> on() {
        return channels.values().stream().filter(Channel::isOn).toList();
    }

    public synchronized List<String> ids() {
        return List.copyOf(channels.keySet());
    }

    /** The channel, or null when there is none of that id. */
    public synchronized Channel get(String id) {
        return channels.get(id);
    }

    /** Whether the channel is on: the channel template's precondition, so a channel that is off has no route. */
    public boolean isOn(String id) {
        Channel channel = get(id);
        return channel != null && channel.isOn();
    }

    /**
     * The messages an accepted event becomes: one for each channel that is on and wants it (see {@link #wants}), or one
     * for each of its recipients. What only Tableau can tell (the item's project, the site's name) is not known yet:
     * a channel that filters on it gets the event here, and its route asks {@link #stillWants} once it knows.
     */
    public List<ChannelMessage> messagesFor(Exchange exchange) {
        EventFacts event = facts(exchange.getMessage());
        List<ChannelMessage> messages = new ArrayList<>();
        for (Channel channel : on()) {
            if (wants(channel, event, true)) {
                messages.addAll(messagesTo(channel.id()));
            }
        }
        return messages;
    }

    /** The messages of an event that goes to one channel past its filters (a test message). */
    public List<ChannelMessage> messagesTo(@Header("channel") String id) {
        List<String> recipients = get(id).recipients();
        return recipients.isEmpty() ? List.of(new ChannelMessage(id, ""))
                : recipients.stream().map(recipient -> new ChannelMessage(id, recipient)).toList();
    }

    /**
     * Whether the channel still wants the single event on its queue now that its route has asked Tableau about the
     * item: false only where the channel filters on a project or a site's name and Tableau's answer leaves the
     * event out.
     */
    public boolean stillWants(String id, Exchange exchange) {
        Channel channel = get(id);
        return !channel.filter().filtersOnTableauDetails() || wants(channel, facts(exchange.getMessage()), false);
    }

    /** The opposite of {@link #stillWants}, for the channel route's filter. */
    public boolean refuses(String id, Exchange exchange) {
        return !stillWants(id, exchange);
    }

    /**
     * Whether the channel wants the event: its filter takes it, but not a repeated failure where the channel does not
     * want repeats (counted when {@code count}); and, for a success that ends failures, a channel that heard of the
     * failures and wants to hear of the recovery.
     */
    private boolean wants(Channel channel, EventFacts event, boolean count) {
        if (channel.accepts(event)) {
            if (event.repeat() && !channel.notifiesRepeats()) {
                if (count) {
                    repeatsDropped(channel.id()).incrementAndGet();
                }
                return false;
            }
            return true;
        }
        return event.recoveredAfter() > 0 && channel.notifiesRecovery() && channel.accepts(event.asFailure());
    }

    /** Repeated failures the channel did not send, as it does not notify repeats. */
    public AtomicLong repeatsDropped(String id) {
        return repeatsDropped.computeIfAbsent(id, channel -> new AtomicLong());
    }

    /** What a filter looks at in a message of an event (its headers). */
    public static EventFacts facts(Message message) {
        String eventType = message.getHeader(HeaderNames.EVENT_TYPE, String.class);
        String resource = message.getHeader(HeaderNames.RESOURCE, String.class);
        return new EventFacts(eventType, message.getHeader(HeaderNames.SITE_LUID, String.class),
                message.getHeader("siteContentUrl", String.class), EventType.isInProject(eventType, resource),
                message.getHeader(HeaderNames.ITEM_PROJECT, String.class), message.getHeader(HeaderNames.RESOURCE_NAME, String.class),
                message.getHeader(HeaderNames.REPEAT, false, Boolean.class),
                message.getHeader(HeaderNames.RECOVERED_AFTER, 0, Integer.class));
    }
}
