import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Speed and memory figures of the relay, checked against the goals in README.md (section Benchmark).
 * Run from the repository root: java bench/Benchmark.java [--events N] [--clients C] [--xmx 256m].
 * Exit code: 0 all goals met, 1 a goal missed, 2 the benchmark could not run.
 */
public final class Benchmark {

    static final String USAGE = """
            Usage: bench/run [--events N] [--clients C] [--xmx SIZE]
              --events N    events to post and measure (default 2000), after 200 warm-up events
              --clients C   concurrent clients posting them (default 8)
              --xmx SIZE    the relay's -Xmx (default 256m)
              --help        this text
            Run from the repository root, after mvn -B -q package -DskipTests.
            The goals are set for the defaults. Exit code: 0 all goals met, 1 a goal missed,
            2 the benchmark could not run.""";

    static final Path JAR = Path.of("target", "tableau-webhook-relay.jar");
    static final int WARM_UP_EVENTS = 200;
    static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    static final Duration IDLE_AFTER_READY = Duration.ofSeconds(2);
    static final Duration DELIVERY_STALL_TIMEOUT = Duration.ofSeconds(30);
    static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(60);

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(USAGE);
            return;
        }
        System.exit(runAndCheck(options));
    }

    private static int runAndCheck(Options options) {
        try {
            Figures figures = run(options);
            figures.print();
            List<Goal> goals = Goal.check(figures);
            Goal.print(goals);
            return goals.stream().allMatch(Goal::met) ? 0 : 1;
        } catch (Exception e) {
            System.err.println("The benchmark could not run: " + (e.getMessage() != null ? e.getMessage() : e));
            return 2;
        }
    }

    private static Figures run(Options options) throws IOException, InterruptedException {
        if (!Files.isRegularFile(JAR) || !Files.isDirectory(Path.of("routes"))) {
            throw new IllegalStateException("run it from the repository root, after mvn -B -q package -DskipTests "
                    + "(or use bench/run)");
        }
        Path workDir = Files.createTempDirectory("relay-bench");
        try (IftttStandIn standIn = IftttStandIn.start()) {
            Relay relay = Relay.start(options.xmx(), standIn.baseUrl(), workDir);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> remove(relay)));
            try {
                return measure(relay, standIn, options);
            } finally {
                remove(relay);
            }
        }
    }

    /** Kills the relay if it still runs and deletes its journal; its log stays. */
    private static void remove(Relay relay) {
        relay.kill();
        deleteTree(relay.dataDir());
    }

    private static Figures measure(Relay relay, IftttStandIn standIn, Options options) throws InterruptedException {
        Duration startup = relay.awaitReady(READY_TIMEOUT);
        Thread.sleep(IDLE_AFTER_READY.toMillis());
        long idleRssKb = relay.memoryKb("VmRSS");
        Poster poster = new Poster(relay.webhookUrl(), options.clients());

        progress("Warming up: " + WARM_UP_EVENTS + " events");
        long warmUpStart = System.nanoTime();
        poster.post("warmup-", WARM_UP_EVENTS);
        standIn.awaitDelivered("warmup-", WARM_UP_EVENTS, warmUpStart);

        progress("Posting " + options.events() + " events from " + options.clients() + " clients");
        long loadStart = System.nanoTime();
        Load load = poster.post("bench-", options.events());
        progress("Waiting for the stand-in to receive them");
        Delivery delivery = standIn.awaitDelivered("bench-", options.events(), loadStart);
        long peakRssKb = relay.memoryKb("VmHWM");

        progress("Stopping the relay (SIGTERM)");
        Shutdown shutdown = relay.stop(SHUTDOWN_TIMEOUT);
        return new Figures(options, startup, idleRssKb, load, delivery, peakRssKb, shutdown);
    }

    static void progress(String message) {
        System.out.println("... " + message);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            System.err.println("Could not delete " + root + ": " + e.getMessage());
        }
    }

    record Options(int events, int clients, String xmx, boolean help) {

        static Options parse(String[] args) {
            int events = 2000;
            int clients = 8;
            String xmx = "256m";
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--help", "-h" -> {
                        return new Options(events, clients, xmx, true);
                    }
                    case "--events" -> events = positive(args[i], valueAfter(args, i++));
                    case "--clients" -> clients = positive(args[i], valueAfter(args, i++));
                    case "--xmx" -> xmx = memorySize(valueAfter(args, i++));
                    default -> throw new IllegalArgumentException("unknown option: " + args[i]);
                }
            }
            return new Options(events, clients, xmx, false);
        }

        private static String valueAfter(String[] args, int i) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            return args[i + 1];
        }

        private static int positive(String option, String value) {
            try {
                int number = Integer.parseInt(value);
                if (number > 0) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(option + " needs a whole number above 0, not " + value);
        }

        private static String memorySize(String value) {
            if (!value.matches("[1-9][0-9]*[kKmMgG]?")) {
                throw new IllegalArgumentException("--xmx needs a size like 256m, not " + value);
            }
            return value;
        }
    }

    /** The IFTTT Webhooks service as the relay calls it; remembers when each event name first arrived. */
    static final class IftttStandIn implements AutoCloseable {

        private static final String KEY = "bench-key";
        private static final Pattern TRIGGER = Pattern.compile("/ifttt/trigger/[^/]+/with/key/" + KEY);
        private static final Pattern VALUE1 = Pattern.compile("\"value1\"\\s*:\\s*\"([^\"]*)\"");

        private final HttpServer server;
        private final ExecutorService executor;
        private final Map<String, Long> firstArrival = new ConcurrentHashMap<>();
        private final AtomicInteger unexpected = new AtomicInteger();

        private IftttStandIn(HttpServer server, ExecutorService executor) {
            this.server = server;
            this.executor = executor;
        }

        static IftttStandIn start() throws IOException {
            // Without TCP_NODELAY, Nagle's algorithm and delayed ACKs hold each answer for about 40 ms, and the
            // stand-in, not the relay, would set the delivery rate.
            System.setProperty("sun.net.httpserver.nodelay", "true");
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
            ExecutorService executor = Executors.newFixedThreadPool(4, daemonThreads());
            IftttStandIn standIn = new IftttStandIn(server, executor);
            server.createContext("/ifttt/", standIn::handle);
            server.setExecutor(executor);
            server.start();
            return standIn;
        }

        private static ThreadFactory daemonThreads() {
            return runnable -> {
                Thread thread = new Thread(runnable, "ifttt-stand-in");
                thread.setDaemon(true);
                return thread;
            };
        }

        String baseUrl() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/ifttt";
        }

        private void handle(HttpExchange exchange) throws IOException {
            try (exchange; InputStream body = exchange.getRequestBody()) {
                String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
                boolean trigger = "POST".equals(exchange.getRequestMethod())
                        && TRIGGER.matcher(exchange.getRequestURI().getPath()).matches();
                if (trigger) {
                    record(text);
                } else {
                    unexpected.incrementAndGet();
                }
                byte[] answer = (trigger ? "Congratulations! You've fired the event" : "not found")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(trigger ? 200 : 404, answer.length);
                exchange.getResponseBody().write(answer);
            }
        }

        private void record(String body) {
            Matcher value1 = VALUE1.matcher(body);
            if (value1.find()) {
                firstArrival.putIfAbsent(value1.group(1), System.nanoTime());
            } else {
                unexpected.incrementAndGet();
            }
        }

        /** Waits until every name with the prefix has arrived, or none has arrived for a while. */
        Delivery awaitDelivered(String prefix, int expected, long since) throws InterruptedException {
            int received = count(prefix);
            long lastProgress = System.nanoTime();
            while (received < expected
                    && System.nanoTime() - lastProgress < DELIVERY_STALL_TIMEOUT.toNanos()) {
                Thread.sleep(20);
                int now = count(prefix);
                if (now > received) {
                    received = now;
                    lastProgress = System.nanoTime();
                }
            }
            return new Delivery(received, expected, Duration.ofNanos(lastArrival(prefix) - since),
                    unexpected.get());
        }

        private int count(String prefix) {
            return (int) firstArrival.keySet().stream().filter(name -> name.startsWith(prefix)).count();
        }

        private long lastArrival(String prefix) {
            return firstArrival.entrySet().stream().filter(entry -> entry.getKey().startsWith(prefix))
                    .mapToLong(Map.Entry::getValue).max().orElse(System.nanoTime());
        }

        @Override
        public void close() {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    /** The relay as a child process: java -Xmx... -jar target/tableau-webhook-relay.jar, from the repository root. */
    static final class Relay {

        private static final HttpClient PROBE = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();

        private final Process process;
        private final long startedAt;
        private final int port;
        private final int managementPort;
        private final Path workDir;
        private final Path log;

        private Relay(Process process, long startedAt, int port, int managementPort, Path workDir) {
            this.process = process;
            this.startedAt = startedAt;
            this.port = port;
            this.managementPort = managementPort;
            this.workDir = workDir;
            this.log = workDir.resolve("relay.log");
        }

        static Relay start(String xmx, String iftttBaseUrl, Path workDir) throws IOException {
            int port = freePort();
            int managementPort = freePort();
            Path log = workDir.resolve("relay.log");
            Map<String, String> settings = settings(port, managementPort, dataDir(workDir), iftttBaseUrl);
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-Xmx" + xmx);
            settings.forEach((name, value) -> command.add("-D" + name + "=" + value));
            command.addAll(List.of("-jar", JAR.toString()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
            builder.environment().keySet().removeIf(Relay::isRelaySetting);
            progress("Starting the relay (-Xmx" + xmx + "), log: " + log);
            long startedAt = System.nanoTime();
            return new Relay(builder.start(), startedAt, port, managementPort, workDir);
        }

        /** IFTTT on, at the stand-in, unthrottled; Slack, SMS and registration in Tableau off. */
        private static Map<String, String> settings(int port, int managementPort, Path dataDir, String iftttBaseUrl) {
            Map<String, String> settings = new TreeMap<>();
            settings.put("camel.server.host", "127.0.0.1");
            settings.put("camel.server.port", String.valueOf(port));
            settings.put("camel.management.port", String.valueOf(managementPort));
            settings.put("relay.data-dir", dataDir.toString());
            settings.put("ifttt.key", IftttStandIn.KEY);
            settings.put("ifttt.base-url", iftttBaseUrl);
            settings.put("ifttt.events", "*");
            settings.put("ifttt.rate-per-second", "10000");
            for (String off : List.of("slack.webhook-url", "slack.token", "slack.channel", "twilio.account-sid",
                    "twilio.auth-token", "twilio.from", "twilio.to", "tableau.server-url")) {
                settings.put(off, "");
            }
            return settings;
        }

        /** Settings in the environment would override the benchmark's; the relay gets none of them. */
        private static boolean isRelaySetting(String variable) {
            return variable.matches("(CAMEL|WEBHOOK|SLACK|TWILIO|IFTTT|TABLEAU|RELAY|BROKER|DELIVERY|DEDUP|ADMIN)_.*")
                    || variable.startsWith("LOG4J_") || variable.equals("JAVA_TOOL_OPTIONS");
        }

        private static Path dataDir(Path workDir) {
            return workDir.resolve("data");
        }

        Path dataDir() {
            return dataDir(workDir);
        }

        URI webhookUrl() {
            return URI.create("http://127.0.0.1:" + port + "/webhooks/tableau");
        }

        Duration awaitReady(Duration timeout) throws InterruptedException {
            URI ready = URI.create("http://127.0.0.1:" + managementPort + "/observe/health/ready");
            HttpRequest probe = HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).GET().build();
            while (System.nanoTime() - startedAt < timeout.toNanos()) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the relay exited with code " + process.exitValue() + "; see " + log);
                }
                if (answers200(probe)) {
                    return Duration.ofNanos(System.nanoTime() - startedAt);
                }
                Thread.sleep(50);
            }
            throw new IllegalStateException("the relay was not ready within " + timeout.toSeconds() + " s; see " + log);
        }

        private static boolean answers200(HttpRequest request) throws InterruptedException {
            try {
                return PROBE.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException notListeningYet) {
                return false;
            }
        }

        /** A field of /proc/PID/status in kB (VmRSS: resident now, VmHWM: resident at the most), -1 if unreadable. */
        long memoryKb(String field) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                    if (line.startsWith(field + ":")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (IOException | NumberFormatException e) {
                System.err.println("Could not read " + field + " of the relay: " + e.getMessage());
            }
            return -1;
        }

        Shutdown stop(Duration timeout) throws InterruptedException {
            long start = System.nanoTime();
            process.destroy();
            boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            return new Shutdown(exited, took, exited ? process.exitValue() : -1);
        }

        void kill() {
            if (process.isAlive()) {
                process.destroyForcibly();
                try {
                    process.waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Posts distinct events from concurrent clients and times each answer. */
    static final class Poster {

        private static final String EVENT = "{\"resource\":\"DATASOURCE\",\"event_type\":\"DatasourceRefreshFailed\","
                + "\"resource_name\":\"%s\",\"site_luid\":\"8b2a95d8-52b9-40a4-8712-cd6da771bd1b\","
                + "\"resource_luid\":\"4a1f3a9e-6c1d-4a10-9d5c-5f7a0f2d9b11\",\"created_at\":\"2026-11-29T17:14:45Z\"}";

        private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        private final URI webhook;
        private final int clients;

        Poster(URI webhook, int clients) {
            this.webhook = webhook;
            this.clients = clients;
        }

        /** Posts events named prefix0 .. prefix(count-1), each client taking the next one not yet posted. */
        Load post(String prefix, int count) throws InterruptedException {
            long[] latencies = new long[count];
            Map<Integer, AtomicInteger> otherAnswers = new ConcurrentHashMap<>();
            AtomicInteger next = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            long start = System.nanoTime();
            for (int c = 0; c < clients; c++) {
                pool.execute(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        latencies[i] = postOne(prefix + i, otherAnswers);
                    }
                });
            }
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.HOURS);
            return new Load(latencies, Duration.ofNanos(System.nanoTime() - start), otherAnswers);
        }

        private long postOne(String name, Map<Integer, AtomicInteger> otherAnswers) {
            HttpRequest request = HttpRequest.newBuilder(webhook).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(String.format(EVENT, name))).build();
            long start = System.nanoTime();
            int status;
            try {
                status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                status = Load.NO_ANSWER;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                status = Load.NO_ANSWER;
            }
            if (status != 200) {
                otherAnswers.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                return Load.NOT_ACCEPTED;
            }
            return System.nanoTime() - start;
        }
    }

    /** Latencies are those of the 200 answers; a request answered otherwise has NOT_ACCEPTED in its place. */
    record Load(long[] latencies, Duration elapsed, Map<Integer, AtomicInteger> otherAnswers) {

        static final int NO_ANSWER = -1;
        static final long NOT_ACCEPTED = -1;

        int accepted() {
            return (int) Arrays.stream(latencies).filter(latency -> latency != NOT_ACCEPTED).count();
        }

        double percentileMs(double percent) {
            long[] sorted = Arrays.stream(latencies).filter(latency -> latency != NOT_ACCEPTED).sorted().toArray();
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(percent / 100 * sorted.length);
            return sorted[Math.max(rank - 1, 0)] / 1e6;
        }

        double perSecond() {
            return accepted() / seconds(elapsed);
        }

        int non200() {
            return otherAnswers.values().stream().mapToInt(AtomicInteger::get).sum();
        }

        String non200Detail() {
            return otherAnswers.entrySet().stream()
                    .map(e -> (e.getKey() == NO_ANSWER ? "no answer" : "HTTP " + e.getKey()) + " x" + e.getValue())
                    .reduce((a, b) -> a + ", " + b).map(detail -> " (" + detail + ")").orElse("");
        }
    }

    record Delivery(int received, int expected, Duration elapsed, int unexpectedRequests) {

        boolean complete() {
            return received >= expected;
        }

        double perSecond() {
            return received / seconds(elapsed);
        }
    }

    record Shutdown(boolean exited, Duration took, int exitCode) {
    }

    record Figures(Options options, Duration startup, long idleRssKb, Load load, Delivery delivery, long peakRssKb,
                   Shutdown shutdown) {

        void print() {
            System.out.println();
            System.out.printf("Figures (%d events, %d clients, relay -Xmx%s, %d cores)%n", options.events(),
                    options.clients(), options.xmx(), Runtime.getRuntime().availableProcessors());
            row("startup to ready", secondsText(startup));
            row("RSS after startup, idle (VmRSS)", megabytes(idleRssKb));
            row("accept latency p50 / p95 / p99 / max", String.format("%.1f / %.1f / %.1f / %.1f ms",
                    load.percentileMs(50), load.percentileMs(95), load.percentileMs(99), load.percentileMs(100)));
            row("accepted", String.format("%.0f events/s (%d of %d in %.2f s)", load.perSecond(), load.accepted(),
                    load.latencies().length, seconds(load.elapsed())));
            row("non-200 answers", load.non200() + load.non200Detail());
            row("delivered to the stand-in", String.format("%d of %d, %.0f events/s end to end (all in %.2f s)",
                    delivery.received(), delivery.expected(), delivery.perSecond(), seconds(delivery.elapsed())));
            row("unexpected requests at the stand-in", String.valueOf(delivery.unexpectedRequests()));
            row("peak RSS (VmHWM)", megabytes(peakRssKb));
            row("shutdown after SIGTERM", shutdown.exited()
                    ? String.format("%.2f s, exit code %d", seconds(shutdown.took()), shutdown.exitCode())
                    : "did not exit within " + SHUTDOWN_TIMEOUT.toSeconds() + " s (killed)");
        }

        private static void row(String name, String value) {
            System.out.printf("  %-40s %s%n", name, value);
        }
    }

    record Goal(String name, String target, String measured, boolean met) {

        static List<Goal> check(Figures f) {
            Load load = f.load();
            Delivery delivery = f.delivery();
            Shutdown shutdown = f.shutdown();
            return List.of(
                    new Goal("startup to ready", "<= 15 s", secondsText(f.startup()), seconds(f.startup()) <= 15),
                    new Goal("accept latency p99", "<= 100 ms", String.format("%.1f ms", load.percentileMs(99)),
                            load.percentileMs(99) <= 100),
                    new Goal("accepted events/s", ">= 100", String.format("%.0f", load.perSecond()),
                            load.perSecond() >= 100),
                    new Goal("non-200 answers", "0", String.valueOf(load.non200()), load.non200() == 0),
                    new Goal("events delivered", "all " + delivery.expected(), String.valueOf(delivery.received()),
                            delivery.complete()),
                    new Goal("peak RSS (VmHWM)", "<= 512 MB", megabytes(f.peakRssKb()),
                            f.peakRssKb() >= 0 && f.peakRssKb() <= 512 * 1024),
                    new Goal("shutdown after SIGTERM", "<= 10 s",
                            shutdown.exited() ? secondsText(shutdown.took()) : "no exit",
                            shutdown.exited() && seconds(shutdown.took()) <= 10));
        }

        static void print(List<Goal> goals) {
            System.out.println();
            System.out.println("Goals");
            for (Goal goal : goals) {
                System.out.printf("  %-4s  %-24s goal %-10s measured %s%n", goal.met() ? "PASS" : "MISS", goal.name(),
                        goal.target(), goal.measured());
            }
            long missed = goals.stream().filter(goal -> !goal.met()).count();
            System.out.println(missed == 0 ? "All goals met." : missed + " goal(s) missed.");
        }
    }

    static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    static String secondsText(Duration duration) {
        return String.format("%.2f s", seconds(duration));
    }

    static String megabytes(long kb) {
        return kb < 0 ? "n/a" : String.format("%.0f MB", kb / 1024.0);
    }
}
