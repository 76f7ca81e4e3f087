package io.tableaurelay.security;

import io.tableaurelay.config.RouterSetup;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * Answers the requests that the HTTP server itself refuses with a status and no exception (413 for a body
 * above webhook.max-body-bytes) quietly. Without it Vert.x logs each one as an ERROR "Unhandled exception in
 * router", so anyone could fill the log with errors. Real exceptions still reach Vert.x's own handling. Each
 * one is counted in {@link RejectedRequests}.
 */
final class StatusOnlyFailures extends RouterSetup {

    private final RejectedRequests rejected;

    StatusOnlyFailures(int port, RejectedRequests rejected) {
        super(port);
        this.rejected = rejected;
    }

    @Override
    protected void setUp(CamelContext context, VertxPlatformHttpRouter router) {
        router.route().failureHandler(this::answer);
    }

    private void answer(RoutingContext request) {
        int status = request.statusCode();
        if (request.failure() == null && status >= 400 && status < 500 && !request.response().ended()) {
            rejected.count(status);
            request.response().setStatusCode(status).end();
        } else {
            request.next();
        }
    }
}
