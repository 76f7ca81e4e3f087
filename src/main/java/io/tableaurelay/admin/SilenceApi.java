package io.tableaurelay.admin;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tableaurelay.silence.InvalidSilenceException;
import io.tableaurelay.silence.Silences;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The silences on the admin port (docs/silences.md):
 * <ul>
 * <li>{@code GET /admin/silences}: active, pending and recently expired silences, with how many events each held
 * back</li>
 * <li>{@code POST /admin/silences}: a new one (201)</li>
 * <li>{@code PATCH /admin/silences/<id>}: a new end ({@code endsAt} or {@code for}) or comment</li>
 * <li>{@code DELETE /admin/silences/<id>}: ends it now</li>
 * </ul>
 */
final class SilenceApi {

    private static final Logger LOG = LoggerFactory.getLogger(SilenceApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY_BYTES = 16_384;

    private final Silences silences;

    SilenceApi(Silences silences) {
        this.silences = silences;
    }

    void serve(Router router) {
        router.route("/admin/silences*").handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES));
        router.route(HttpMethod.GET, "/admin/silences")
                .blockingHandler(request -> AdminApi.reply(request, 200, Map.of("silences", silences.list())));
        router.route(HttpMethod.POST, "/admin/silences").blockingHandler(request ->
                withBody(request, body -> Optional.of(silences.create(body)), 201));
        router.route(HttpMethod.PATCH, "/admin/silences/:id").blockingHandler(request ->
                withBody(request, body -> silences.change(request.pathParam("id"), body), 200));
        router.route(HttpMethod.DELETE, "/admin/silences/:id").blockingHandler(request ->
                answer(request, () -> silences.end(request.pathParam("id")), 200));
    }

    private void withBody(RoutingContext request, Function<JsonNode, Optional<Map<String, Object>>> action,
            int status) {
        JsonNode body;
        try {
            body = JSON.readTree(request.body().asString("UTF-8"));
        } catch (JsonProcessingException | RuntimeException e) {
            AdminApi.reply(request, 400, Map.of("error", "send the silence as a JSON object"));
            return;
        }
        answer(request, () -> action.apply(body), status);
    }

    private static void answer(RoutingContext request, Supplier<Optional<Map<String, Object>>> action,
            int status) {
        try {
            Optional<Map<String, Object>> silence = action.get();
            if (silence.isPresent()) {
                AdminApi.reply(request, status, silence.get());
            } else {
                AdminApi.reply(request, 404, Map.of("error", "no silence with that id"));
            }
        } catch (InvalidSilenceException e) {
            AdminApi.reply(request, 400, Map.of("error", e.getMessage()));
        } catch (RuntimeException e) {
            LOG.error("Admin request {} failed", request.normalizedPath(), e);
            AdminApi.reply(request, 503, Map.of("error", "the broker could not be reached"));
        }
    }
}
