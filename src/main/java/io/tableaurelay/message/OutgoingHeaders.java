package io.tableaurelay.message;

import java.util.List;
import java.util.Set;

import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpHeaderFilterStrategy;

/**
 * Which of a message's headers become headers of the HTTP request or e-mail a channel sends: those given when it
 * is made ({@code Subject} for e-mail), and those a message route named in {@link #PROPERTY} (a channel's own
 * headers, a signature); an HTTP body's content type goes with the body. The relay's own headers (event id, item
 * ids, link, recipient) stay inside the relay.
 */
public final class OutgoingHeaders extends HttpHeaderFilterStrategy {

    /** The exchange property holding the names of the headers to send, besides Content-Type. */
    public static final String PROPERTY = "relayOutgoingHeaders";

    private final List<String> always;

    /** @param always headers that are always sent ({@code Subject} for e-mail) */
    public OutgoingHeaders(String... always) {
        this.always = List.of(always);
    }

    @Override
    public boolean applyFilterToCamelHeaders(String name, Object value, Exchange exchange) {
        if (always.contains(name)) {
            return false;
        }
        Set<?> allowed = exchange == null ? null : exchange.getProperty(PROPERTY, Set.class);
        return allowed == null || !allowed.contains(name);
    }
}
