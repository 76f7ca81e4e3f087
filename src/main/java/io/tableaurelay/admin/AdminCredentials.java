package io.tableaurelay.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import io.tableaurelay.config.Settings;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Who may use the admin endpoints and the status page: HTTP basic authentication with {@code admin.username}
 * and {@code admin.password}, compared in constant time. When either is empty, anyone who reaches the
 * management port may (it listens on 127.0.0.1 by default).
 */
final class AdminCredentials implements Handler<RoutingContext> {

    private static final String REALM = "tableau-webhook-relay";

    private final byte[] expected;

    private AdminCredentials(byte[] expected) {
        this.expected = expected;
    }

    static AdminCredentials from(Settings settings) {
        if (!settings.isSet("admin.username") || !settings.isSet("admin.password")) {
            return new AdminCredentials(null);
        }
        return new AdminCredentials(digest(settings.get("admin.username") + ":" + settings.get("admin.password")));
    }

    boolean isRequired() {
        return expected != null;
    }

    @Override
    public void handle(RoutingContext request) {
        if (!isRequired() || matches(request.request().getHeader("Authorization"))) {
            request.next();
            return;
        }
        request.response().setStatusCode(401)
                .putHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"")
                .putHeader("Content-Type", "application/json")
                .end("{\"error\": \"unauthorized\"}");
    }

    private boolean matches(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(authorization.substring(6).trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        // digests of equal length, compared in constant time: neither length nor content leaks through timing
        return MessageDigest.isEqual(expected, digest(new String(given, StandardCharsets.UTF_8)));
    }

    private static byte[] digest(String credentials) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(credentials.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
