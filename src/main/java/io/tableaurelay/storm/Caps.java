package io.tableaurelay.storm;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.tableaurelay.channel.Channel;
import io.tableaurelay.channel.Channels;
import io.tableaurelay.event.HeaderNames;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * A channel's cap (its max-per-hour, twilio.max-per-hour for SMS): at most that many messages to one recipient in
 * an hour, counted from the first. Past it, messages are folded ({@link Groups#fold}) into one, sent when the hour
 * is over ("and 23 more since 14:05"); that one is not counted. The count is kept in {@link StormState}, so a
 * restart does not reset it. Retries of a message that was counted are not counted again.
 */
public class Caps {

    private static final String FOLD_UNTIL = "relayFoldUntil";

    private final Channels channels;
    private final Groups groups;
    private final StormState state;
    private final Duration window;
    private final Clock clock;

    public Caps(Channels channels, Groups groups, StormState state, Duration window, Clock clock) {
        this.channels = channels;
        this.groups = groups;
        this.state = state;
        this.window = window;
        this.clock = clock;
    }

    /** Whether the message is past its recipient's cap; if not, it is counted. One message at a time. */
    public synchronized boolean exceeded(Exchange exchange) {
        Channel channel = channels.get(exchange.getFromRouteId());
        Message message = exchange.getMessage();
        if (channel.maxPerHour() == 0 || message.getHeader(HeaderNames.FOLDED, false, Boolean.class)
                || message.getHeader(HeaderNames.ATTEMPT, 0, Integer.class) > 0) {
            return false;
        }
        String recipient = channel.id() + "/" + message.getHeader(HeaderNames.RECIPIENT, "", String.class);
        Instant now = clock.instant();
        CapWindow current = state.cap(recipient).map(CapWindow::parse).filter(open -> now.isBefore(open.end()))
                .orElse(new CapWindow(now.plus(window), 0));
        if (current.sent() < channel.maxPerHour()) {
            state.cap(recipient, current.withOneMore().format());
            return false;
        }
        exchange.setProperty(FOLD_UNTIL, current.end());
        return true;
    }

    /** Holds the message past its cap until the cap's window ends. */
    public void fold(Exchange exchange) {
        groups.fold(exchange, exchange.getProperty(FOLD_UNTIL, Instant.class));
    }

    /** Messages sent to one recipient in the window that ends at {@code end}. */
    record CapWindow(Instant end, int sent) {

        CapWindow withOneMore() {
            return new CapWindow(end, sent + 1);
        }

        String format() {
            return end + "|" + sent;
        }

        static CapWindow parse(String text) {
            String[] parts = text.split("\\|");
            return new CapWindow(Instant.parse(parts[0]), Integer.parseInt(parts[1]));
        }
    }
}
