package io.tableaurelay.channel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.tableaurelay.config.Settings;
import io.tableaurelay.event.EventType;
import io.tableaurelay.storm.ItemOutcomes;
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
 * reads the route files, before any route starts. This is the one list of channels: dispatch asks it which
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
     * The ids of the channels that are on and want the event whose headers dispatch holds: those whose filters take
     * it, but not a repeated failure where the channel does not want repeats; and, for a success that ends failures,
     * the channels that heard of the failures and want to hear of the recovery.
     */
    public List<String> wanting(Exchange exchange) {
        EventFacts event = facts(exchange.getMessage());
        List<String> wanting = new ArrayList<>();
        for (Channel channel : on()) {
            if (channel.accepts(event)) {
                if (event.repeat() && !channel.notifiesRepeats()) {
                    repeatsDropped(channel.id()).incrementAndGet();
                } else {
                    wanting.add(channel.id());
                }
            } else if (event.recoveredAfter() > 0 && channel.notifiesRecovery() && channel.accepts(event.asFailure())) {
                wanting.add(channel.id());
            }
        }
        return wanting;
    }

    /** Repeated failures the channel did not send, as it does not notify repeats. */
    public AtomicLong repeatsDropped(String id) {
        return repeatsDropped.computeIfAbsent(id, channel -> new AtomicLong());
    }

    /** Who gets a message of the channel: its recipients, one message each, or one message for all (""). */
    public Collection<String> recipients(@Header("channel") String id) {
        List<String> recipients = get(id).recipients();
        return recipients.isEmpty() ? List.of("") : recipients;
    }

    private static EventFacts facts(Message message) {
        String eventType = message.getHeader("eventType", String.class);
        String resource = message.getHeader("resource", String.class);
        return new EventFacts(eventType, message.getHeader("siteLuid", String.class),
                message.getHeader("siteContentUrl", String.class), EventType.isInProject(eventType, resource),
                message.getHeader("itemProject", String.class), message.getHeader("resourceName", String.class),
                message.getHeader(ItemOutcomes.REPEAT, false, Boolean.class),
                message.getHeader(ItemOutcomes.RECOVERED_AFTER, 0, Integer.class));
    }
}
