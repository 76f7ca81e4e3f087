package io.tableaurelay.storm;

import java.time.Duration;
import java.time.Instant;

/**
 * An item's latest outcome and how it came about: the event that set it, how many failures in a row (and since
 * when), whether that event was a repeat of a failure, and how many failures a success ended.
 *
 * @param lastFailureAt  when the item last failed, or null
 * @param since          when the current run of failures began, or null after a success
 * @param recoveredAfter failures that the success in {@code eventId} ended, 0 otherwise
 */
record ItemHistory(String eventId, boolean failing, int failures, Instant since, Instant lastFailureAt, boolean repeat,
        int recoveredAfter) {

    /** What an event of this outcome at this time makes of the history (which may be null: never seen). */
    static ItemHistory after(ItemHistory before, String eventId, boolean failure, Instant at, Duration repeatInterval) {
        boolean wasFailing = before != null && before.failing();
        if (failure) {
            boolean repeat = wasFailing && before.lastFailureAt() != null
                    && !at.isAfter(before.lastFailureAt().plus(repeatInterval));
            return repeat
                    ? new ItemHistory(eventId, true, before.failures() + 1, before.since(), at, true, 0)
                    : new ItemHistory(eventId, true, 1, at, at, false, 0);
        }
        return new ItemHistory(eventId, false, 0, null, before == null ? null : before.lastFailureAt(), false,
                wasFailing ? before.failures() : 0);
    }

    String format() {
        return String.join("|", eventId, String.valueOf(failing), String.valueOf(failures), String.valueOf(since),
                String.valueOf(lastFailureAt), String.valueOf(repeat), String.valueOf(recoveredAfter));
    }

    static ItemHistory parse(String text) {
        String[] parts = text.split("\\|", -1);
        return new ItemHistory(parts[0], Boolean.parseBoolean(parts[1]), Integer.parseInt(parts[2]), instant(parts[3]),
                instant(parts[4]), Boolean.parseBoolean(parts[5]), Integer.parseInt(parts[6]));
    }

    private static Instant instant(String text) {
        return "null".equals(text) ? null : Instant.parse(text);
    }
}
