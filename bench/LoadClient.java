import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * The load client: Vert.x's HTTP client on keep-alive connections, spread over a few event loops ("lanes"). Two
 * modes:
 * <ul>
 * <li>closed loop: each connection posts the next event as soon as the answer to the last one is in; latency from
 * the send to the end of the answer;</li>
 * <li>open loop: events are due at a fixed rate whatever the answers do, each sent as soon as a connection is free;
 * latency from the time it was due (so a stall of the server counts for every event due during it).</li>
 * </ul>
 */
final class LoadClient {

    private static final int ANSWER_TIMEOUT_MS = 60_000;

    private final Vertx vertx;
    private final List<Context> lanes;

    private LoadClient(Vertx vertx, List<Context> lanes) {
        this.vertx = vertx;
        this.lanes = lanes;
    }

    /** A client with the given number of event loops (each its own Vert.x context). */
    static LoadClient start(Vertx vertx, int laneCount) throws Exception {
        List<Context> lanes = new ArrayList<>();
        vertx.deployVerticle(() -> new AbstractVerticle() {
            @Override
            public void start() {
                synchronized (lanes) {
                    lanes.add(context);
                }
            }
        }, new DeploymentOptions().setInstances(laneCount)).toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        return new LoadClient(vertx, List.copyOf(lanes));
    }

    /** Posts events of the batch on the given connections, each posting again on an answer, until time or the batch is up. */
    Result closedLoop(URI target, Batch batch, int connections, Duration duration) throws Exception {
        return closedLoop(target, batch, connections, duration, () -> false);
    }

    /** The same, stopping early once stop says so. */
    Result closedLoop(URI target, Batch batch, int connections, Duration duration, BooleanSupplier stop)
            throws Exception {
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        List<Lane> running = new ArrayList<>();
        for (int lane = 0; lane < Math.min(connections, lanes.size()); lane++) {
            int share = connections / lanes.size() + (lane < connections % lanes.size() ? 1 : 0);
            Lane worker = new Lane(lanes.get(lane), target, batch, share);
            running.add(worker);
            worker.context.runOnContext(ignored -> worker.startClosedLoop(deadline, stop));
        }
        return Result.of(running, start);
    }

    /** Posts events of the batch due at a fixed rate for the duration, over the given connections. */
    Result openLoop(URI target, Batch batch, int connections, double perSecond, Duration duration) throws Exception {
        int laneCount = Math.min(connections, lanes.size());
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        long events = Math.round(perSecond * duration.toNanos() / 1e9);
        double interval = 1e9 / perSecond;
        List<Lane> running = new ArrayList<>();
        for (int lane = 0; lane < laneCount; lane++) {
            int share = connections / laneCount + (lane < connections % laneCount ? 1 : 0);
            Lane worker = new Lane(lanes.get(lane), target, batch, share);
            running.add(worker);
            int first = lane;
            worker.context.runOnContext(ignored -> worker.startOpenLoop(start, interval, first, laneCount, events));
        }
        return Result.of(running, start);
    }

    /** One event loop's share of the connections, with what it measured. */
    private final class Lane {

        final Context context;
        final Batch batch;
        final int connections;
        final HttpClient client;
        final RequestOptions post;
        final CompletableFuture<Lane> done = new CompletableFuture<>();
        long[] latencies = new long[1 << 16];
        int latencyCount;
        final Map<Integer, Integer> otherAnswers = new TreeMap<>();
        int inFlight;
        int finishedUsers;
        boolean scheduleOver;

        Lane(Context context, Batch batch, int connections, HttpClient client, RequestOptions post) {
            this.context = context;
            this.batch = batch;
            this.connections = connections;
            this.client = client;
            this.post = post;
        }

        Lane(Context context, URI target, Batch batch, int connections) {
            this(context, batch, connections,
                    vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setPipelining(false)
                                    .setTcpNoDelay(true).setKeepAliveTimeout(600).setIdleTimeout(0),
                            new PoolOptions().setHttp1MaxSize(connections)),
                    new RequestOptions().setMethod(HttpMethod.POST).setHost(target.getHost())
                            .setPort(target.getPort()).setURI(target.getRawPath())
                            .putHeader("Content-Type", "application/json").setIdleTimeout(ANSWER_TIMEOUT_MS));
        }

        void startClosedLoop(long deadline, BooleanSupplier stop) {
            for (int user = 0; user < connections; user++) {
                postNext(deadline, stop);
            }
        }

        private void postNext(long deadline, BooleanSupplier stop) {
            int index = System.nanoTime() < deadline && !stop.getAsBoolean() ? batch.next() : -1;
            if (index < 0) {
                if (++finishedUsers == connections) {
                    finish();
                }
                return;
            }
            long start = System.nanoTime();
            post(index, start, status -> {
                if (status == Batch.NO_ANSWER) {
                    context.owner().setTimer(1, ignored -> postNext(deadline, stop));
                } else {
                    postNext(deadline, stop);
                }
            });
        }

        void startOpenLoop(long start, double interval, int first, int step, long events) {
            long[] next = {first};
            long timer = context.owner().setPeriodic(1, id -> {
                long now = System.nanoTime();
                while (next[0] < events) {
                    long due = start + Math.round(next[0] * interval);
                    if (due > now) {
                        return;
                    }
                    int index = batch.next();
                    if (index < 0) {
                        next[0] = events;
                        break;
                    }
                    inFlight++;
                    post(index, due, status -> {
                        inFlight--;
                        if (scheduleOver && inFlight == 0) {
                            finish();
                        }
                    });
                    next[0] += step;
                }
                context.owner().cancelTimer(id);
                scheduleOver = true;
                if (inFlight == 0) {
                    finish();
                }
            });
        }

        /** Posts event index; its latency counts from "from"; then tells "then" the answer's status. */
        private void post(int index, long from, java.util.function.IntConsumer then) {
            Buffer body = Events.body(batch.id, index);
            client.request(post)
                    .compose(request -> {
                        batch.sent(index, System.nanoTime());
                        return request.send(body);
                    })
                    .compose(response -> response.body().map(ignored -> response.statusCode()))
                    .onComplete(answer -> {
                        long end = System.nanoTime();
                        int status = answer.succeeded() ? answer.result() : Batch.NO_ANSWER;
                        batch.answered(index, status);
                        if (status == 200) {
                            if (latencyCount == latencies.length) {
                                latencies = Arrays.copyOf(latencies, latencies.length * 2);
                            }
                            latencies[latencyCount++] = end - from;
                        } else {
                            otherAnswers.merge(status, 1, Integer::sum);
                        }
                        then.accept(status);
                    });
        }

        private void finish() {
            client.close().onComplete(ignored -> done.complete(this));
        }
    }

    /** The percentile (0-100) of sorted nanosecond figures, in ms; NaN when there are none. */
    static double percentileMs(long[] sorted, double percent) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percent / 100 * sorted.length);
        return sorted[Math.min(Math.max(rank - 1, 0), sorted.length - 1)] / 1e6;
    }

    /** What a run measured: latencies of the 200 answers (sorted), other answers by status, and how long it took. */
    record Result(long[] latencies, Map<Integer, Integer> otherAnswers, long elapsedNanos) {

        static Result of(List<Lane> lanes, long start) throws Exception {
            CompletableFuture.allOf(lanes.stream().map(lane -> lane.done).toArray(CompletableFuture[]::new)).get();
            long elapsed = System.nanoTime() - start;
            long[] all = new long[lanes.stream().mapToInt(lane -> lane.latencyCount).sum()];
            int n = 0;
            Map<Integer, Integer> other = new TreeMap<>();
            for (Lane lane : lanes) {
                System.arraycopy(lane.latencies, 0, all, n, lane.latencyCount);
                n += lane.latencyCount;
                lane.otherAnswers.forEach((status, count) -> other.merge(status, count, Integer::sum));
            }
            Arrays.sort(all);
            return new Result(all, other, elapsed);
        }

        int accepted() {
            return latencies.length;
        }

        int notAccepted() {
            return otherAnswers.values().stream().mapToInt(Integer::intValue).sum();
        }

        double perSecond() {
            return accepted() / (elapsedNanos / 1e9);
        }

        /** The percentile of the 200 answers' latencies in ms; NaN when there were none. */
        double percentileMs(double percent) {
            return LoadClient.percentileMs(latencies, percent);
        }

        String otherAnswersText() {
            return otherAnswers.isEmpty() ? "none" : otherAnswers.entrySet().stream()
                    .map(e -> (e.getKey() == Batch.NO_ANSWER ? "no answer" : "HTTP " + e.getKey()) + " x" + e.getValue())
                    .reduce((a, b) -> a + ", " + b).orElse("");
        }
    }
}
