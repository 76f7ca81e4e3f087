package io.tableaurelay.message.http;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.tableaurelay.channel.Channel;
import io.tableaurelay.channel.Channels;
import io.tableaurelay.channel.RequestHeaders;
import io.tableaurelay.channel.WebhookSignature;
import io.tableaurelay.event.HeaderNames;
import io.tableaurelay.message.OutgoingHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.http.HttpMethods;

/**
 * Makes a rendered JSON message into the request a JSON channel (IFTTT, Teams, forward) sends: a POST of the
 * UTF-8 body, the channel's own headers (its {@code headers} parameter), and a Standard Webhooks signature when
 * the channel has a {@code signing-secret}. Only these headers leave the relay (see {@link OutgoingHeaders}), and
 * the query of the channel's address goes out exactly as written.
 */
public class HttpRequests {

    private final Channels channels;
    private final Clock clock;

    public HttpRequests(Channels channels) {
        this(channels, Clock.systemUTC());
    }

    HttpRequests(Channels channels, Clock clock) {
        this.channels = channels;
        this.clock = clock;
    }

    /**
     * The receiver's address goes out as written: Camel would encode an already encoded query once more (a Teams
     * workflow's {@code sp=%2Ftriggers...} would become {@code %252F}), so the query is sent raw.
     */
    private static Optional<String> rawQuery(String address) {
        int start = address.indexOf('?');
        return start < 0 ? Optional.empty() : Optional.of(address.substring(start + 1));
    }

    /** The body as the POST the channel's endpoint gets: its own headers, its signature, nothing else. */
    public void post(Exchange exchange, String body) {
        Message message = exchange.getMessage();
        Channel channel = channels.get(exchange.getFromRouteId());
        message.setHeader(Exchange.HTTP_METHOD, HttpMethods.POST);
        rawQuery(channel.parameter("endpoint")).ifPresent(query -> message.setHeader(Exchange.HTTP_RAW_QUERY, query));
        message.setHeader(Exchange.CONTENT_TYPE, "application/json; charset=UTF-8");
        Set<String> sent = new HashSet<>();
        for (Map.Entry<String, String> header : RequestHeaders.parse(channel.parameter("headers")).entrySet()) {
            message.setHeader(header.getKey(), header.getValue());
            sent.add(header.getKey());
        }
        String secret = channel.parameter("signing-secret");
        if (!secret.isEmpty()) {
            String id = "msg_" + message.getHeader(HeaderNames.EVENT_ID, String.class);
            long timestamp = clock.instant().getEpochSecond();
            message.setHeader("webhook-id", id);
            message.setHeader("webhook-timestamp", String.valueOf(timestamp));
            message.setHeader("webhook-signature", WebhookSignature.of(secret).sign(id, timestamp, body));
            sent.addAll(Set.of("webhook-id", "webhook-timestamp", "webhook-signature"));
        }
        message.setBody(body.getBytes(StandardCharsets.UTF_8));
        exchange.setProperty(OutgoingHeaders.PROPERTY, sent);
    }
}
