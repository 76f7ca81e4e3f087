import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

/**
 * The IFTTT Webhooks service as the relay calls it (POST /ifttt/trigger/{event}/with/key/{key}), counting every
 * delivery of every event by the tag in value1. While down, it answers 503 to every trigger.
 */
final class IftttStandIn implements AutoCloseable {

    static final String KEY = "bench-key";
    private static final String TRIGGER_PREFIX = "/ifttt/trigger/";
    private static final String TRIGGER_SUFFIX = "/with/key/" + KEY;

    private final HttpServer server;
    private final AtomicReferenceArray<Batch> batches = new AtomicReferenceArray<>(256);
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong unexpected = new AtomicLong();
    private volatile boolean down;

    private IftttStandIn(HttpServer server) {
        this.server = server;
    }

    static IftttStandIn start(Vertx vertx) throws Exception {
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
                .setTcpNoDelay(true));
        IftttStandIn standIn = new IftttStandIn(server);
        server.requestHandler(standIn::handle);
        server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return standIn;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.actualPort() + "/ifttt";
    }

    void expect(Batch batch) {
        batches.set(batch.id, batch);
    }

    /** Down: every trigger gets 503, as from a channel that is out of service. */
    void down(boolean down) {
        this.down = down;
    }

    /** Triggers refused while down. */
    long refused() {
        return refused.get();
    }

    /** Requests that were not a trigger with a tagged value1. */
    long unexpected() {
        return unexpected.get();
    }

    private void handle(HttpServerRequest request) {
        String path = request.path();
        boolean trigger = request.method().name().equals("POST") && path.startsWith(TRIGGER_PREFIX)
                && path.endsWith(TRIGGER_SUFFIX);
        if (!trigger) {
            unexpected.incrementAndGet();
            request.response().setStatusCode(404).end("not found");
            return;
        }
        request.body().onComplete(body -> {
            if (body.failed()) {
                unexpected.incrementAndGet();
                return;
            }
            if (down) {
                refused.incrementAndGet();
                request.response().setStatusCode(503).end("service unavailable");
                return;
            }
            long arrived = System.nanoTime();
            long tag = Events.tagOf(body.result());
            Batch batch = tag < 0 ? null : batches.get((int) (tag >>> 32));
            if (batch == null) {
                unexpected.incrementAndGet();
            } else {
                batch.delivered((int) tag, arrived);
            }
            request.response().setStatusCode(200).end("Congratulations! You've fired the event");
        });
    }

    @Override
    public void close() {
        server.close();
    }
}
