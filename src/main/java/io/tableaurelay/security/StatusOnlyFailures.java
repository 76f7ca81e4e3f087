package io.tableaurelay.security;

import java.util.List;

import io.tableaurelay.settings.RouterSetup;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the requests that the HTTP server itself refuses with a status and no exception (413 for a body
 * above webhook.max-body-bytes) quietly. Without it Vert.x logs each one as an ERROR "Unhandled exception in
 * router", so anyone could fill the log with errors. Like the receive route's refusals, each one is logged in
 * one WARN line with the sender's address, and counted in {@link RejectedRequests}. Real exceptions still reach
 * Vert.x's own handling.
 */
final class StatusOnlyFailures extends RouterSetup {

    private static final Logger LOG = LoggerFactory.getLogger(StatusOnlyFailures.class);

    private final RejectedRequests rejected;
    private final SenderAddress senderAddress;

    StatusOnlyFailures(int port, RejectedRequests rejected, SenderAddress senderAddress) {
        super(port);
        this.rejected = rejected;
        this.senderAddress = senderAddress;
    }

    @Override
    protected void setUp(CamelContext context, VertxPlatformHttpRouter router) {
        router.route().failureHandler(this::answer);
    }

    private void answer(RoutingContext request) {
        int status = request.statusCode();
        if (request.failure() == null && status >= 400 && status < 500 && !request.response().ended()) {
            rejected.count(status);
            LOG.warn("Rejected a request from {}: {}", sender(request),
                    status == 413 ? "body larger than webhook.max-body-bytes (413)" : "HTTP " + status);
            request.response().setStatusCode(status).end();
        } else {
            request.next();
        }
    }

    private String sender(RoutingContext request) {
        List<String> forwardedFor = request.request().headers().getAll("X-Forwarded-For");
        return senderAddress.of(request.request().remoteAddress(), forwardedFor.isEmpty() ? null : forwardedFor);
    }
}
