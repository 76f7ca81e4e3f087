package io.tableaurelay.event;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Puts what later stages need to know about an event into headers, which travel with it through the queues as
 * message properties: {@code eventId} (the correlation id in every log line about it), {@code eventType},
 * {@code eventTypeLabel} (for metrics), {@code receivedAt} (for the time to delivery), {@code createdAt} (when
 * Tableau says it happened, else when it arrived: to find a failed refresh's job), {@code resource},
 * {@code resourceLuid}, {@code resourceName} and {@code siteLuid} (to look up the item in Tableau, and for the
 * channels' filters).
 */
public class EventHeaders {

    public void fromEvent(Exchange exchange) {
        Message message = exchange.getMessage();
        TableauEvent event = message.getBody(TableauEvent.class);
        message.setHeader(HeaderNames.EVENT_ID, event.id());
        message.setHeader(HeaderNames.EVENT_TYPE, event.eventType());
        message.setHeader(HeaderNames.EVENT_TYPE_LABEL, event.eventTypeLabel());
        message.setHeader(HeaderNames.RECEIVED_AT, event.receivedAt());
        message.setHeader(HeaderNames.CREATED_AT, event.createdAt() == null || event.createdAt().isEmpty()
                ? event.receivedAt() : event.createdAt());
        message.setHeader(HeaderNames.RESOURCE, event.resource());
        message.setHeader(HeaderNames.RESOURCE_LUID, event.resourceLuid());
        message.setHeader(HeaderNames.RESOURCE_NAME, event.resourceName());
        message.setHeader(HeaderNames.SITE_LUID, event.siteLuid());
    }
}
