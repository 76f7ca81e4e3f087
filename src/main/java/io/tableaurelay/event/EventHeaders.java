package io.tableaurelay.event;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Puts what later stages need to know about an event into headers, which travel with it through the queues as
 * message properties: {@code eventId} (the correlation id in every log line about it), {@code eventType},
 * {@code eventTypeLabel} (for metrics), {@code receivedAt} (for the time to delivery), {@code resource} and
 * {@code resourceLuid} (to look up the item's page in Tableau).
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
    }
}
