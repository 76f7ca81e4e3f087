package io.tableaurelay.channel;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.tableaurelay.settings.Settings;
import org.apache.camel.util.TimeUtils;

/**
 * One way out of the relay, as its route file declares it (routes/slack.yaml, ...): its id (the route's id, its
 * queue's name and its metrics label), the settings that turn it on, which events it takes, and the parameters
 * the shared channel template gives it. Routes ask it through {@link Channels}.
 *
 * @param file            the route file that declares it
 * @param missingSettings what to set to turn the channel on, or "" when it is on
 * @param recipients      one message per recipient (SMS), or empty: one message per event
 * @param parameters      the channel's template parameters, settings resolved
 */
public record Channel(String id, String name, String file, ChannelFilter filter, String missingSettings,
        List<String> recipients, Map<String, String> parameters) {

    private static final long MESSAGE_BYTES = 2048;
    private static final long MAX_PREFETCH_BYTES = 1024 * 1024;
    private static final long MAX_ACKNOWLEDGE_BATCH = 100;

    /** The queue of the channel's messages, named by its id. */
    public String queue() {
        return id;
    }

    /** Where its events wait for their group to close or their cap's hour to end (routes/groups.yaml). */
    public String held() {
        return id + ".held";
    }

    /** Where its messages go once delivery has given up (routes/retries.yaml). */
    public String deadLetters() {
        return "DLQ." + id;
    }

    /** The queues of the channel: its own, its held events and its dead letters. */
    public List<String> queues() {
        return List.of(queue(), held(), deadLetters());
    }

    public boolean isOn() {
        return missingSettings.isEmpty();
    }

    /** Whether this channel is on and wants the event. */
    public boolean accepts(EventFacts event) {
        return isOn() && filter.accepts(event);
    }

    /** A template parameter of the channel, settings resolved; "" when it has none. */
    public String parameter(String name) {
        return parameters.getOrDefault(name, "");
    }

    /** How long the first event of a group waits for others; zero: the channel sends each event as it comes. */
    public Duration groupWait() {
        return duration("group-wait");
    }

    /** How long after a group was sent the next events of that group are gathered into one follow-up. */
    public Duration groupInterval() {
        return duration("group-interval");
    }

    /** What events of one group have in common: any of eventType, site, project, outcome. */
    public List<String> groupBy() {
        return Settings.split(parameter("group-by"));
    }

    /** Most messages an hour to one recipient; 0: no cap. */
    public int maxPerHour() {
        String cap = parameter("max-per-hour");
        return cap.isEmpty() ? 0 : Integer.parseInt(cap);
    }

    /**
     * How many bytes of messages the channel's consumers take ahead from its queue: about a second's worth at its rate
     * (a message is about 2 KB), at most 1 MB; none for a channel of one message a second or less.
     */
    public int prefetchBytes() {
        long perSecond = rate();
        return perSecond <= 1 ? 0 : (int) Math.min(perSecond * MESSAGE_BYTES, MAX_PREFETCH_BYTES);
    }

    private long rate() {
        String rate = parameter("rate");
        return rate.isEmpty() ? 1 : Long.parseLong(rate);
    }

    /**
     * How many of its messages a consumer of the channel acknowledges at once when it takes messages ahead: about
     * 10 ms worth at its rate, at most 100; each message alone for a channel of 100 a second or less.
     */
    public int acknowledgeEvery() {
        return prefetchBytes() == 0 ? 1 : (int) Math.max(1, Math.min(rate() / 100, MAX_ACKNOWLEDGE_BATCH));
    }

    /** Whether the channel hears of a failure that repeats one of the last repeat-interval. */
    public boolean notifiesRepeats() {
        return !"false".equals(parameter("notify-repeats"));
    }

    /** Whether the channel hears that an item it heard failing works again. */
    public boolean notifiesRecovery() {
        return "true".equals(parameter("notify-recovery"));
    }

    private Duration duration(String name) {
        String value = parameter(name);
        return value.isEmpty() ? Duration.ZERO : Duration.ofMillis(TimeUtils.toMilliSeconds(value));
    }

    /** One line for the startup log. */
    public String describe() {
        if (!isOn()) {
            return name + " channel is off: " + missingSettings;
        }
        return name + " channel is on, events: " + filter
                + (groupWait().isZero() ? "" : ", grouped by " + String.join(", ", groupBy()) + " for "
                        + TimeUtils.printDuration(groupWait().toMillis()))
                + (maxPerHour() > 0 ? ", at most " + maxPerHour() + " an hour to each recipient" : "");
    }
}
