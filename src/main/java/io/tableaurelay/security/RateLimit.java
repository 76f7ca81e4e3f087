package io.tableaurelay.security;

/**
 * {@code webhook.rate-limit-per-minute}: requests a minute per sender address, 0 for none. The receive route asks
 * {@link #isOn()} once, at startup, and leaves its throttle out when there is no limit.
 */
public record RateLimit(int perMinute) {

    public boolean isOn() {
        return perMinute > 0;
    }
}
