package io.tableaurelay.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import io.tableaurelay.settings.Settings;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Who may use the admin endpoints and the status page: HTTP basic authentication with {@code admin.username}
 * and {@code admin.password}, compared in constant time. When either is empty, anyone who reaches the
 * management port may; that is only allowed while the port listens on this machine alone
 * ({@code camel.management.host} 127.0.0.1, the default): on any other address the relay does not start.
 */
final class AdminCredentials implements Handler<RoutingContext> {

    private static final String REALM = "tableau-webhook-relay";
    private static final String MANAGEMENT_HOST = "camel.management.host";
    /** Where Camel's management server listens when camel.management.host is not set. */

    private final byte[] expected;

    private AdminCredentials(byte[] expected) {
        this.expected = expected;
    }

    static AdminCredentials from(Settings settings) {
        if (settings.isSet("admin.username") && settings.isSet("admin.password")) {
            return new AdminCredentials(digest(settings.get("admin.username") + ":" + settings.get("admin.password")));
        }
        if (!settings.isLoopback(MANAGEMENT_HOST)) {
            throw new IllegalArgumentException("Set admin.username and admin.password: the management port listens on "
                    + settings.get(MANAGEMENT_HOST) + " (" + MANAGEMENT_HOST
                    + "), beyond this machine, and would let anyone replay dead letters and send test messages");
        }
        return new AdminCredentials(null);
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
