package io.tableaurelay.operations;

/**
 * Where one event stands with one channel: {@code delivered}, {@code retrying} (an attempt failed, another is
 * due) or {@code dead-lettered} (kept in the channel's dead-letter queue).
 *
 * @param outcome   delivered, retrying or dead-lettered
 * @param attempts  attempts made so far
 * @param lastError why the last failed attempt failed ("HTTP 503"), or null
 * @param at        when the outcome was recorded (ISO-8601)
 */
public record ChannelOutcome(String outcome, int attempts, String lastError, String at) {

    public static final String DELIVERED = "delivered";
    public static final String RETRYING = "retrying";
    public static final String DEAD_LETTERED = "dead-lettered";
}
