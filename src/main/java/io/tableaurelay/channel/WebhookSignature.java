package io.tableaurelay.channel;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookSigningException;

/**
 * Signs a request the way the Standard Webhooks specification (standardwebhooks.com) says, with that project's own
 * Java library, so that a receiver checks it with any of its libraries: {@code webhook-signature: v1,<base64
 * HMAC-SHA256 of "id.timestamp.body">}, keyed with the base64 key after {@code whsec_} in the secret.
 */
public final class WebhookSignature {

    private static final String PREFIX = "whsec_";

    private final Webhook webhook;

    private WebhookSignature(Webhook webhook) {
        this.webhook = webhook;
    }

    /** The signing secret as the specification writes it: whsec_ and a base64 key. */
    public static WebhookSignature of(String secret) {
        if (!secret.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a signing secret starts with " + PREFIX);
        }
        String notAKey = "a signing secret is " + PREFIX + " and a base64 key";
        if (secret.length() == PREFIX.length()) {
            // the library takes an empty key, and then fails every sign: refuse it here, where startup checks it
            throw new IllegalArgumentException(notAKey);
        }
        try {
            return new WebhookSignature(new Webhook(secret));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(notAKey);
        }
    }

    /** The value of the webhook-signature header for the message with this id, time (epoch seconds) and body. */
    public String sign(String id, long timestamp, String body) {
        try {
            return webhook.sign(id, timestamp, body);
        } catch (WebhookSigningException e) {
            throw new IllegalStateException(e);
        }
    }
}
