package io.tableaurelay.operations;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one channel has done since the relay started: messages delivered, attempts that failed, messages
 * dead-lettered, and when it last succeeded and last failed (with why). Read by the channel's health check
 * and the status page.
 */
public final class ChannelActivity {

    private long delivered;
    private long failedAttempts;
    private long deadLettered;
    private Instant lastSuccess;
    private Instant lastFailure;
    private String lastError;

    synchronized void delivered(Instant at) {
        delivered++;
        lastSuccess = at;
    }

    synchronized void failed(Instant at, String error, boolean deadLetter) {
        failedAttempts++;
        if (deadLetter) {
            deadLettered++;
        }
        lastFailure = at;
        lastError = error;
    }

    /** All of it at one moment. */
    public synchronized Snapshot snapshot() {
        return new Snapshot(delivered, failedAttempts, deadLettered, lastSuccess, lastFailure, lastError);
    }

    /** The channel's activity at one moment. */
    public record Snapshot(long delivered, long failedAttempts, long deadLettered, Instant lastSuccess,
            Instant lastFailure, String lastError) {

        /** Whether the channel's latest attempt failed. */
        public boolean isFailing() {
            return lastFailure != null && (lastSuccess == null || lastFailure.isAfter(lastSuccess));
        }

        public Map<String, Object> asMap() {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("delivered", delivered);
            summary.put("failedAttempts", failedAttempts);
            summary.put("deadLettered", deadLettered);
            summary.put("lastSuccess", lastSuccess == null ? "" : lastSuccess.toString());
            summary.put("lastFailure", lastFailure == null ? "" : lastFailure.toString());
            summary.put("lastError", lastError == null ? "" : lastError);
            return summary;
        }
    }
}
