package io.tableaurelay.event;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Puts what later stages need to know about an event into headers, which travel with it through the queues as
 * message properties: {@code eventId} (the correlation id in every log line about it), {@code eventType},
 * {@code eventTypeLabel} (for metrics), {@code receivedAt} (for the time to delivery), {@code resource},
 * {@code resourceLuid}, {@code resourceName} and {@code siteLuid} (to look up the item in Tableau, and for the
 * channels' filters).
 */
public class EventHeaders {

    public void fromEvent(Exchange exchange) {
        Message message = exchange.getMessage();
        TableauEvent event = message.getBody(TableauEvent.class);
        message.setHeader("eventId", event.id());
        message.setHeader("eventType", event.eventType());
        message.setHeader("eventTypeLabel", event.eventTypeLabel());
        message.setHeader("receivedAt", event.receivedAt());
        message.setHeader("resource", event.resource());
        message.setHeader("resourceLuid", event.resourceLuid());
        message.setHeader("resourceName", event.resourceName());
        message.setHeader("siteLuid", event.siteLuid());
    }
}
