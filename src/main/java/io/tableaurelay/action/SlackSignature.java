package io.tableaurelay.action;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Slack's request signature (version {@code v0}): {@code X-Slack-Signature} is {@code v0=} and the hex HMAC-SHA256, under
 * the app's signing secret, of {@code v0:{X-Slack-Request-Timestamp}:{body}}. A request older (or newer) than five
 * minutes is refused, so that a recorded request cannot be played again later.
 */
final class SlackSignature {

    static final Duration WINDOW = Duration.ofMinutes(5);

    private final SecretKeySpec key;

    SlackSignature(String signingSecret) {
        this.key = new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** Throws {@link SlackRequestRefused} unless Slack signed these bytes at a time within the window of {@code now}. */
    void check(String timestamp, String signature, byte[] body, Instant now) {
        long seconds;
        try {
            seconds = Long.parseLong(timestamp == null ? "" : timestamp.trim());
        } catch (NumberFormatException e) {
            throw new SlackRequestRefused(401, "no X-Slack-Request-Timestamp");
        }
        if (Math.abs(now.getEpochSecond() - seconds) > WINDOW.toSeconds()) {
            throw new SlackRequestRefused(401, "the request is older than 5 minutes");
        }
        byte[] expected = ("v0=" + HexFormat.of().formatHex(mac(seconds, body))).getBytes(StandardCharsets.UTF_8);
        if (signature == null || !MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8))) {
            throw new SlackRequestRefused(401, "the Slack signature does not match");
        }
    }

    private byte[] mac(long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
