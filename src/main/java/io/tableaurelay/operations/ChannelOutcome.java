package io.tableaurelay.operations;

/**
 * Where one event stands with one channel: {@code grouped} or {@code folded} (waiting for its group's message),
 * {@code silenced} (held back by a silence, never sent), {@code delivered}, {@code retrying} (an attempt failed,
 * another is due) or {@code dead-lettered} (kept in the channel's dead-letter queue).
 *
 * @param outcome   grouped, folded, silenced, delivered, retrying or dead-lettered
 * @param attempts  attempts made so far
 * @param lastError why the last failed attempt failed ("HTTP 503"), or null
 * @param at        when the outcome was recorded (ISO-8601)
 * @param message   the id of the message that carries the event with others (a group, a fold), or null when the
 *                  event has a message of its own
 * @param reason    why the event was not sent ("silenced by &lt;id&gt;"), or null
 */
public record ChannelOutcome(String outcome, int attempts, String lastError, String at, String message, String reason) {

    public ChannelOutcome(String outcome, int attempts, String lastError, String at, String message) {
        this(outcome, attempts, lastError, at, message, null);
    }

    public static final String DELIVERED = "delivered";
    /** Waiting in its group, or folded past a cap, until the group's message goes out. */
    public static final String GROUPED = "grouped";
    public static final String FOLDED = "folded";
    public static final String RETRYING = "retrying";
    public static final String DEAD_LETTERED = "dead-lettered";
    /** Received and stored, but held back by a silence: not sent. */
    public static final String SILENCED = "silenced";
}
