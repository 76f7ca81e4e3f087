package io.tableaurelay.channel;

import org.apache.camel.Header;

/**
 * One way out of the relay (Slack, SMS, IFTTT): whether it is on, why not when it is off, and which events
 * it wants. Routes ask it through {@link #accepts(String)} and {@link #isOn()}.
 */
public final class Channel {

    private final String name;
    private final EventFilter filter;
    private final String missingSettings;

    /**
     * @param missingSettings what to set to turn the channel on, or "" when it is on
     */
    public Channel(String name, EventFilter filter, String missingSettings) {
        this.name = name;
        this.filter = filter;
        this.missingSettings = missingSettings;
    }

    public String name() {
        return name;
    }

    public boolean isOn() {
        return missingSettings.isEmpty();
    }

    /** Whether this channel is on and wants the event; routes pass the {@code eventType} header. */
    public boolean accepts(@Header("eventType") String eventType) {
        return isOn() && filter.matches(eventType);
    }

    public EventFilter filter() {
        return filter;
    }

    /** One line for the startup log. */
    public String describe() {
        return isOn()
                ? name + " channel is on, events: " + filter
                : name + " channel is off: " + missingSettings;
    }
}
