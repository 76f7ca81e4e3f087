package io.tableaurelay.security;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import io.tableaurelay.settings.Settings;
import org.apache.camel.Exchange;
import org.apache.camel.Header;

/**
 * {@code webhook.secret}: when set, a request must carry it as the {@code token} query parameter. Tableau
 * signs nothing, so a secret in the URL it posts to is the only proof that a request comes from it.
 */
public final class WebhookSecret {

    public static final String SETTING = "webhook.secret";
    static final String PARAMETER = "token";

    private final byte[] secret;

    public WebhookSecret(String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    public static WebhookSecret from(Settings settings) {
        return new WebhookSecret(settings.get(SETTING));
    }

    public boolean isSet() {
        return secret.length > 0;
    }

    /**
     * The URL Tableau should post to: {@code base} with {@code ?token=...} (or {@code &token=...}) added when a
     * secret is set, else {@code base} unchanged.
     */
    public String destinationUrl(String base) {
        if (!isSet()) {
            return base;
        }
        String token = URLEncoder.encode(new String(secret, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        return base + (base.contains("?") ? "&" : "?") + PARAMETER + "=" + token;
    }

    /**
     * Refuses the request with 401 unless it carries the secret. Reads the raw query string, not the headers,
     * so a {@code token} request header does not count. Compares in constant time.
     */
    public void check(@Header(Exchange.HTTP_RAW_QUERY) String query) {
        if (isSet() && !MessageDigest.isEqual(secret, token(query))) {
            throw RefusedRequestException.unauthorized();
        }
    }

    private static byte[] token(String query) {
        if (query == null) {
            return new byte[0];
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith(PARAMETER + "=")) {
                try {
                    return URLDecoder.decode(pair.substring(PARAMETER.length() + 1), StandardCharsets.UTF_8)
                            .getBytes(StandardCharsets.UTF_8);
                } catch (IllegalArgumentException malformed) {
                    return new byte[0];
                }
            }
        }
        return new byte[0];
    }
}
