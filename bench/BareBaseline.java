import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

/**
 * The bare baseline: a Vert.x HTTP server (from the relay's own dependencies) that reads the body as the relay
 * does (UTF-8 text, Jackson's tree, an object with event_type), answers 200 {"status": "accepted"} and does
 * nothing else: the limit of this path on this machine. One event loop per core. Run as its own process:
 * java -cp ... BareBaseline PORT; prints "ready" once it listens.
 */
public final class BareBaseline extends AbstractVerticle {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCEPTED = "{\"status\": \"accepted\"}";

    private final int port;

    private BareBaseline(int port) {
        this.port = port;
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int loops = Runtime.getRuntime().availableProcessors();
        Vertx vertx = Vertx.vertx();
        vertx.deployVerticle(() -> new BareBaseline(port), new DeploymentOptions().setInstances(loops))
                .toCompletionStage().toCompletableFuture().get();
        System.out.println("ready");
    }

    @Override
    public void start(Promise<Void> started) {
        vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port).setTcpNoDelay(true))
                .requestHandler(this::handle)
                .listen()
                .<Void>mapEmpty()
                .onComplete(started);
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            int status = isEvent(body.toString(StandardCharsets.UTF_8)) ? 200 : 400;
            request.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                    .end(status == 200 ? ACCEPTED : "{\"error\": \"not an event\"}");
        });
    }

    private static boolean isEvent(String body) {
        try {
            JsonNode json = JSON.readTree(body);
            JsonNode eventType = json.get("event_type");
            return json.isObject() && eventType != null && eventType.isTextual() && !eventType.asText().isBlank();
        } catch (Exception e) {
            return false;
        }
    }
}
