package io.tableaurelay.channel;

import java.util.List;
import java.util.Map;

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

    /** One line for the startup log. */
    public String describe() {
        return isOn()
                ? name + " channel is on, events: " + filter
                : name + " channel is off: " + missingSettings;
    }
}
