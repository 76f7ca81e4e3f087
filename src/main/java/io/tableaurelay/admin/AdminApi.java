package io.tableaurelay.admin;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tableaurelay.action.ItemMutes;
import io.tableaurelay.action.Mute;
import io.tableaurelay.channel.Channel;
import io.tableaurelay.channel.Channels;
import io.tableaurelay.delivery.DeadLetters;
import io.tableaurelay.event.HeaderNames;
import io.tableaurelay.operations.Deliveries;
import io.tableaurelay.operations.DeliveryLog;
import io.tableaurelay.operations.StatusSummary;
import io.tableaurelay.settings.RouterSetup;
import io.tableaurelay.settings.Settings;
import io.tableaurelay.silence.Silences;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin endpoints and the status page, served on the management port (never on the public webhook port),
 * behind {@link AdminCredentials}; a request that changes something also passes {@link CrossSiteGuard}:
 * <ul>
 * <li>{@code GET /admin/dead-letters[?channel=slack]}: what waits in the dead-letter queues</li>
 * <li>{@code POST /admin/dead-letters/replay[?channel=slack]}: send them again, with fresh attempts</li>
 * <li>{@code GET /admin/deliveries[?channel=&outcome=&eventType=&limit=]}: the delivery log, newest first</li>
 * <li>{@code GET /admin/status}: what the status page shows</li>
 * <li>{@code POST /admin/test-message?channel=slack}: a test message to one channel</li>
 * <li>{@code GET /admin/mutes}: the items muted or snoozed by action links now</li>
 * <li>{@code POST /admin/mutes/lift?item={site LUID}/{item LUID}}: lift one (recorded in the delivery log)</li>
 * <li>{@code /admin/silences}: see {@link SilenceApi}</li>
 * <li>{@code GET /status}: the status page</li>
 * </ul>
 */
public final class AdminApi extends RouterSetup {

    private static final Logger LOG = LoggerFactory.getLogger(AdminApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DEFAULT_LIMIT = 100;

    private final DeadLetters deadLetters;
    private final DeliveryLog deliveryLog;
    private final StatusSummary status;
    private final Channels channels;
    private final AdminCredentials credentials;
    private final ItemMutes mutes;
    private final Deliveries deliveries;
    private final SilenceApi silences;

    public AdminApi(DeadLetters deadLetters, DeliveryLog deliveryLog, StatusSummary status, Channels channels,
            ItemMutes mutes, Deliveries deliveries, Silences silences, Settings settings) {
        super(Integer.parseInt(settings.get("camel.management.port")));
        this.deadLetters = deadLetters;
        this.deliveryLog = deliveryLog;
        this.status = status;
        this.channels = channels;
        this.credentials = AdminCredentials.from(settings);
        this.mutes = mutes;
        this.deliveries = deliveries;
        this.silences = new SilenceApi(silences);
    }

    @Override
    protected void noServer() {
        LOG.warn("No management server on port {}: the admin endpoints are not available", port());
    }

    @Override
    protected void setUp(CamelContext context, VertxPlatformHttpRouter router) {
        router.route("/admin/*").order(-1).handler(credentials);
        router.route("/status*").order(-1).handler(credentials);
        // after the credentials: a request that changes something must not come from another site
        router.route("/admin/*").order(-1).handler(new CrossSiteGuard());
        router.route(HttpMethod.GET, "/admin/dead-letters")
                .blockingHandler(request -> answer(request, channels -> Map.of("deadLetters",
                        channels.stream().flatMap(channel -> deadLetters.list(channel).stream()).toList())));
        router.route(HttpMethod.POST, "/admin/dead-letters/replay")
                .blockingHandler(request -> answer(request, channels -> Map.of("replayed",
                        channels.stream().mapToInt(deadLetters::replay).sum())));
        router.route(HttpMethod.GET, "/admin/deliveries").handler(this::deliveries);
        router.route(HttpMethod.GET, "/admin/status").blockingHandler(request -> reply(request, 200, status.summary()));
        router.route(HttpMethod.GET, "/admin/mutes").blockingHandler(request -> reply(request, 200,
                Map.of("mutes", mutes.all().stream().map(Mute::toJson).toList())));
        router.route(HttpMethod.POST, "/admin/mutes/lift").blockingHandler(this::liftMute);
        ProducerTemplate producer = context.createProducerTemplate();
        router.route(HttpMethod.POST, "/admin/test-message").blockingHandler(request -> testMessage(request, producer));
        silences.serve(router);
        StatusPage.serve(router);
        LOG.info("Admin endpoints and status page on port {} (/admin/*, /status), {}", port(),
                credentials.isRequired() ? "behind admin.username and admin.password"
                        : "open to anyone who reaches the port: set admin.username and admin.password");
    }

    private void deliveries(RoutingContext request) {
        var query = request.queryParams();
        int limit;
        try {
            limit = query.contains("limit") ? Integer.parseInt(query.get("limit")) : DEFAULT_LIMIT;
        } catch (NumberFormatException e) {
            reply(request, 400, Map.of("error", "limit must be a whole number"));
            return;
        }
        reply(request, 200, Map.of("deliveries",
                deliveryLog.find(query.get("channel"), query.get("outcome"), query.get("eventType"), limit)));
    }

    /** Lifts the mute of the item named by {@code item}; the delivery log records it as an admin's. */
    private void liftMute(RoutingContext request) {
        String item = request.queryParams().get("item");
        if (!ItemMutes.isKey(item)) {
            reply(request, 400, Map.of("error", "item must be {site LUID}/{item LUID}, as /admin/mutes lists it"));
            return;
        }
        Optional<Mute> lifted = mutes.lift(item);
        if (lifted.isEmpty()) {
            reply(request, 404, Map.of("error", "the item is not muted"));
            return;
        }
        String by = "an admin";
        LOG.info("Mute of {} lifted by {}", lifted.get().name(), by);
        deliveries.action("lift", lifted.get().name(), by, "done", "was muted by " + lifted.get().by() + " "
                + lifted.get().untilInWords());
        reply(request, 200, Map.of("lifted", item));
    }

    private void testMessage(RoutingContext request, ProducerTemplate producer) {
        String channel = request.queryParams().get("channel");
        if (!channels.isOn(channel)) {
            reply(request, 400, Map.of("error", "channel must be one that is on, of "
                    + channels.on().stream().map(on -> on.id()).toList()));
            return;
        }
        Exchange sent = producer.send("direct:test-message", exchange -> exchange.getIn().setHeader("channel", channel));
        if (sent.getException() != null) {
            LOG.error("Test message to {} could not be queued: {}", channel, sent.getException().getMessage());
            reply(request, 503, Map.of("error", "the broker could not be reached"));
            return;
        }
        reply(request, 200, Map.of("queued", sent.getMessage().getHeader(HeaderNames.EVENT_ID, String.class)));
    }

    /** Runs {@code action} on the channel named by the {@code channel} parameter, or on all channels. */
    private void answer(RoutingContext request, Function<List<Channel>, Object> action) {
        String channel = request.queryParams().get("channel");
        if (channel != null && channels.get(channel) == null) {
            reply(request, 400, Map.of("error", "channel must be one of " + channels.ids()));
            return;
        }
        try {
            reply(request, 200, action.apply(channel == null ? channels.all() : List.of(channels.get(channel))));
        } catch (RuntimeException e) {
            LOG.error("Admin request {} failed", request.normalizedPath(), e);
            reply(request, 503, Map.of("error", "the broker could not be reached"));
        }
    }

    static void reply(RoutingContext request, int status, Object body) {
        try {
            request.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                    .end(JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            request.fail(e);
        }
    }
}
