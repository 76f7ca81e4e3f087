package io.tableaurelay.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One event as Tableau posted it, normalised to the current field names. This is what travels on the
 * queues, as JSON. Tableau gives events no id; {@code id} is a digest of the request body, which is the same
 * for Tableau's byte-identical duplicates.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TableauEvent(
        String id,
        String eventType,
        String resource,
        String resourceName,
        String siteLuid,
        String resourceLuid,
        String createdAt,
        String receivedAt) {

    /** Tableau's "Test webhook" sends an empty body; some senders use the event type "Test". */
    public static final String TEST_EVENT_TYPE = "Test";

    @JsonIgnore
    public boolean isTest() {
        return TEST_EVENT_TYPE.equals(eventType);
    }

    @JsonIgnore
    public boolean isKnown() {
        return EventType.isKnown(eventType);
    }

    /**
     * The event type as a metric label: one of Tableau's documented events, else {@code other}, so that made-up
     * event types cannot grow the number of time series without limit.
     */
    public String eventTypeLabel() {
        return isKnown() ? eventType : "other";
    }
}
