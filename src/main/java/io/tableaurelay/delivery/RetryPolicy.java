package io.tableaurelay.delivery;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Decides what happens to a message whose send failed: another attempt later (exponential backoff with
 * jitter, at least as late as the channel's Retry-After), or the dead-letter queue when attempts are used up
 * or trying again cannot help. Its decision is written into headers that the channel routes act on.
 */
public class RetryPolicy {

    /** Attempts made so far; travels with the message. */
    public static final String ATTEMPT = "deliveryAttempt";
    /** Artemis holds a message back until this time (epoch millis): how the retry waits. */
    public static final String SCHEDULED_DELIVERY = "_AMQ_SCHED_DELIVERY";
    public static final String GIVE_UP = "deliveryGiveUp";
    public static final String LAST_ERROR = "deliveryLastError";
    public static final String RETRY_IN = "deliveryRetryIn";

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
        int attempt = message.getHeader(ATTEMPT, 0, Integer.class) + 1;
        DeliveryFailure failure = DeliveryFailure.of(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
        message.setHeader(ATTEMPT, attempt);
        message.setHeader(LAST_ERROR, failure.description());
        boolean giveUp = failure.isPermanent() || attempt >= maxAttempts;
        message.setHeader(GIVE_UP, giveUp);
        if (!giveUp) {
            long delay = Math.max(delayAfter(attempt), failure.retryAfterMillis());
            message.setHeader(SCHEDULED_DELIVERY, System.currentTimeMillis() + delay);
            message.setHeader(RETRY_IN, Duration.ofMillis(delay).toString().substring(2).toLowerCase());
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
