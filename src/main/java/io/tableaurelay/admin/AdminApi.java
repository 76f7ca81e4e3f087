package io.tableaurelay.admin;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tableaurelay.delivery.DeadLetters;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin endpoints, served on the management port (never on the public webhook port):
 * <ul>
 * <li>{@code GET /admin/dead-letters[?channel=slack]}: what waits in the dead-letter queues</li>
 * <li>{@code POST /admin/dead-letters/replay[?channel=slack]}: send them again, with fresh attempts</li>
 * </ul>
 */
public final class AdminApi implements StartupListener {

    private static final Logger LOG = LoggerFactory.getLogger(AdminApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DeadLetters deadLetters;
    private final int managementPort;

    public AdminApi(DeadLetters deadLetters, int managementPort) {
        this.deadLetters = deadLetters;
        this.managementPort = managementPort;
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // the management server's router exists once the context is fully started
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context,
                VertxPlatformHttpRouter.getRouterNameFromPort(managementPort));
        if (router == null) {
            LOG.warn("No management server on port {}: the admin endpoints are not available", managementPort);
            return;
        }
        router.route(HttpMethod.GET, "/admin/dead-letters")
                .blockingHandler(request -> answer(request, channels -> Map.of("deadLetters",
                        channels.stream().flatMap(channel -> deadLetters.list(channel).stream()).toList())));
        router.route(HttpMethod.POST, "/admin/dead-letters/replay")
                .blockingHandler(request -> answer(request, channels -> Map.of("replayed",
                        channels.stream().mapToInt(deadLetters::replay).sum())));
        LOG.info("Admin endpoints on port {}: GET /admin/dead-letters, POST /admin/dead-letters/replay", managementPort);
    }

    /** Runs {@code action} on the channel named by the {@code channel} parameter, or on all channels. */
    private void answer(RoutingContext request, Function<List<String>, Object> action) {
        String channel = request.queryParams().get("channel");
        if (channel != null && !deadLetters.channels().contains(channel)) {
            reply(request, 400, Map.of("error", "channel must be one of " + deadLetters.channels()));
            return;
        }
        try {
            reply(request, 200, action.apply(channel == null ? deadLetters.channels() : List.of(channel)));
        } catch (RuntimeException e) {
            LOG.error("Admin request {} failed", request.normalizedPath(), e);
            reply(request, 503, Map.of("error", "the broker could not be reached"));
        }
    }

    private static void reply(RoutingContext request, int status, Object body) {
        try {
            request.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                    .end(JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            request.fail(e);
        }
    }
}
