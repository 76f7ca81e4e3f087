package io.tableaurelay.delivery;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import io.tableaurelay.event.HeaderNames;
import io.tableaurelay.message.DeliveryFailure;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Decides what happens to a message whose send failed: another attempt later (exponential backoff with
 * jitter, at least as late as the channel's Retry-After), or the dead-letter queue when attempts are used up
 * or trying again cannot help. Its decision is written into headers that the channel routes act on.
 */
public class RetryPolicy {


    private static final double JITTER = 0.2;

    private final int maxAttempts;
    private final long initialDelayMillis;
    private final long maxDelayMillis;

    public RetryPolicy(int maxAttempts, long initialDelayMillis, long maxDelayMillis) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("Setting delivery.max-attempts must be at least 1");
        }
        this.maxAttempts = maxAttempts;
        this.initialDelayMillis = initialDelayMillis;
        this.maxDelayMillis = maxDelayMillis;
    }

    public void decide(Exchange exchange) {
        Message message = exchange.getMessage();
        int attempt = message.getHeader(HeaderNames.ATTEMPT, 0, Integer.class) + 1;
        DeliveryFailure failure = DeliveryFailures.of(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
        message.setHeader(HeaderNames.ATTEMPT, attempt);
        message.setHeader(HeaderNames.LAST_ERROR, failure.description());
        boolean giveUp = failure.isPermanent() || attempt >= maxAttempts;
        message.setHeader(HeaderNames.GIVE_UP, giveUp);
        if (!giveUp) {
            long delay = Math.max(delayAfter(attempt), failure.retryAfterMillis());
            message.setHeader(HeaderNames.SCHEDULED_DELIVERY, System.currentTimeMillis() + delay);
            message.setHeader(HeaderNames.RETRY_IN, Duration.ofMillis(delay).toString().substring(2).toLowerCase());
        }
    }

    /** initial × 2^(attempt-1), capped, then moved by up to ±20% so that retries from a burst spread out. */
    long delayAfter(int attempt) {
        double base = Math.min(maxDelayMillis, initialDelayMillis * Math.pow(2, Math.min(attempt - 1, 40)));
        double jitter = 1 + ThreadLocalRandom.current().nextDouble(-JITTER, JITTER);
        return Math.round(Math.min(maxDelayMillis, base * jitter));
    }

    public int maxAttempts() {
        return maxAttempts;
    }
}
