import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

/**
 * Speed and memory figures of the relay beside those of a bare Vert.x server measured by the same client in the
 * same run, checked against the goals of bench/README.md. Run by bench/run, from the repository root.
 * Exit code: 0 all goals met, 1 a goal missed, 2 the benchmark could not run.
 */
public final class Benchmark {

    static final String USAGE = """
            Usage: bench/run [--quick] [--seconds N] [--burst N] [--drain-limit S] [--xmx SIZE] [--relay-option OPT]...
                             [--keep-log] [--java-jar]
              --quick            a check while working, under a minute: shorter phases, a burst of 5,000
              --seconds N        length of each closed-loop figure (default 10, --quick 2)
              --burst N          events posted while IFTTT is down (default 200000, --quick 5000)
              --drain-limit S    longest wait for the deliveries after a phase (default 180, --quick 3)
              --xmx SIZE         the -Xmx of the relay and of the baseline (default 256m)
              --relay-option OPT a JVM option for the relay, such as -XX:StartFlightRecording=filename=r.jfr or
                                 -Dsetting=value (repeatable)
              --keep-log         keep the relay's log (one line or more an event: some 100 MB in a default run)
              --java-jar         start the relay with java -Xmx... -jar instead of its launcher, bin/relay
              --help             this text
            bench/run --broker-alone: instead, the relay's embedded broker alone (bench/BrokerAlone.java), about a minute
            Run from the repository root; bench/run builds the jar if it is missing and compiles the benchmark.
            Exit code: 0 all goals met, 1 a goal missed, 2 the benchmark could not run.""";

    static final Path JAR = Path.of("target", "tableau-webhook-relay.jar");
    /** Event loops of the load client: one a core. */
    static final int CLIENT_LANES = Math.max(2, Runtime.getRuntime().availableProcessors());
    static final int MANY = 32;
    static final double OPEN_LOOP_RATE = 2000;
    static final double END_TO_END_RATE = 500;
    static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    static final Duration DELIVERY_STALL = Duration.ofSeconds(30);
    static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(60);
    static final Duration PROGRESS_EVERY = Duration.ofSeconds(15);
    static final Duration WARM_UP_WINDOW = Duration.ofSeconds(2);
    /** Retries while IFTTT is down: soon and often, so that the burst is delivered soon after IFTTT is back. */
    static final List<String> RETRY_SETTINGS = List.of("-Ddelivery.initial-delay-ms=1000",
            "-Ddelivery.max-delay-ms=5000", "-Ddelivery.max-attempts=1000");

    private final Options options;
    private final Path workDir;
    private final List<Batch> relayBatches = new ArrayList<>();
    private int nextBatchId = 1;

    private Benchmark(Options options, Path workDir) {
        this.options = options;
        this.workDir = workDir;
    }

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
        Locale.setDefault(Locale.US);
        int code;
        Path workDir = null;
        try {
            if (!Files.isRegularFile(JAR) || !Files.isDirectory(Path.of("routes"))) {
                throw new IllegalStateException("run it from the repository root with bench/run");
            }
            workDir = Files.createTempDirectory("relay-bench");
            Figures figures = new Benchmark(options, workDir).run();
            figures.print();
            List<Goal> goals = Goal.check(figures);
            Goal.print(goals, figures);
            code = goals.stream().allMatch(Goal::met) ? 0 : 1;
        } catch (Exception e) {
            if (!(e instanceof IllegalStateException)) {
                e.printStackTrace();
            }
            System.err.println("The benchmark could not run: " + (e.getMessage() != null ? e.getMessage() : e));
            code = 2;
        }
        if (workDir != null) {
            if (options.keepLog() || code == 2) {
                System.out.println("The relay's log: " + workDir.resolve("relay.log"));
            } else {
                deleteTree(workDir);
            }
        }
        System.exit(code);
    }

    private Figures run() throws Exception {
        double loadAtStart = loadAverage();
        progress(String.format("%d cores, load average %.2f; relay -Xmx%s%s; work folder %s",
                Runtime.getRuntime().availableProcessors(), loadAtStart, options.xmx(),
                options.quick() ? "; --quick" : "", workDir));
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(CLIENT_LANES + 1));
        List<ServerProcess> servers = new CopyOnWriteArrayList<>();
        AtomicBoolean finished = new AtomicBoolean();
        // Interrupted (Ctrl-C): the servers go, and so does the work folder, but for the log with --keep-log.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            servers.forEach(ServerProcess::kill);
            if (!finished.get()) {
                deleteTree(options.keepLog() ? workDir.resolve("data") : workDir);
            }
        }));
        try {
            IftttStandIn standIn = IftttStandIn.start(vertx);
            LoadClient client = LoadClient.start(vertx, CLIENT_LANES);
            return measure(standIn, client, servers);
        } finally {
            servers.forEach(ServerProcess::kill);
            vertx.close();
            deleteTree(workDir.resolve("data"));
            deleteTree(workDir.resolve("baseline.log"));
            finished.set(true);
        }
    }

    private Figures measure(IftttStandIn standIn, LoadClient client, List<ServerProcess> servers) throws Exception {
        Figures f = new Figures(options);
        f.loadAtStart = loadAverage();
        long runStart = System.nanoTime();
        double machineStart = machineBusySeconds();
        double selfStart = ServerProcess.cpuSecondsOf(ProcessHandle.current().pid());

        int relayPort = freePort();
        int managementPort = freePort();
        ServerProcess relay = startRelay(relayPort, managementPort, standIn.baseUrl());
        servers.add(relay);
        URI relayUrl = URI.create("http://127.0.0.1:" + relayPort + "/webhooks/tableau");
        f.startup = relay.awaitHttp200(
                URI.create("http://127.0.0.1:" + managementPort + "/observe/health/ready"), READY_TIMEOUT);
        progress(String.format("Relay ready after %.2f s; idle for %d s", seconds(f.startup),
                options.settleSeconds() + options.idleSeconds()));
        Thread.sleep(options.settleSeconds() * 1000L);
        f.idleRssKb = relay.memoryKb("VmRSS");
        ServerProcess.Cpu idleCpuStart = relay.cpu();
        Thread.sleep(options.idleSeconds() * 1000L);
        ServerProcess.Cpu idleCpu = relay.cpu().since(idleCpuStart);
        f.idleCpuShare = idleCpu.all() / options.idleSeconds();
        f.idleJitShare = idleCpu.jit() / options.idleSeconds();

        int baselinePort = freePort();
        ServerProcess baseline = startBaseline(baselinePort);
        servers.add(baseline);
        baseline.awaitListening(baselinePort, READY_TIMEOUT);
        URI baselineUrl = URI.create("http://127.0.0.1:" + baselinePort + "/webhooks/tableau");

        progress("Warming up on " + MANY + " connections until steady: the bare baseline, then the relay");
        warmUp(client, baselineUrl, batch("baseline warm-up", options.baselineWarmUp()[1]), "bare baseline",
                options.baselineWarmUp());
        Batch relayWarmUp = batch("warm-up", options.relayWarmUp()[1]);
        standIn.expect(relayWarmUp);
        relayBatches.add(relayWarmUp);
        long warmUpStart = System.nanoTime();
        warmUp(client, relayUrl, relayWarmUp, "relay", options.relayWarmUp());
        awaitDelivered(relayWarmUp, warmUpStart, System.nanoTime());

        progress("1 connection, closed loop, " + options.seconds() + " s each");
        f.baselineOne = baselinePhase(client, baseline, baselineUrl, Load.closed(1, options.seconds()));
        f.relayOne = relayPhase(client, standIn, relay, relayUrl, "1 connection", Load.closed(1, options.seconds()));

        progress(MANY + " connections, closed loop, " + options.seconds() + " s each");
        f.baselineMany = baselinePhase(client, baseline, baselineUrl, Load.closed(MANY, options.seconds()));
        f.relayMany = relayPhase(client, standIn, relay, relayUrl, MANY + " connections",
                Load.closed(MANY, options.seconds()));

        progress(String.format("Open loop, %,.0f events/s for %d s each", OPEN_LOOP_RATE, options.openLoopSeconds()));
        Load open = Load.open(MANY, OPEN_LOOP_RATE, options.openLoopSeconds());
        f.baselineOpen = baselinePhase(client, baseline, baselineUrl, open);
        f.relayOpen = relayPhase(client, standIn, relay, relayUrl, "open loop", open);

        progress(String.format("End to end: %,.0f events/s for %d s", END_TO_END_RATE, options.openLoopSeconds()));
        f.relayEndToEnd = relayPhase(client, standIn, relay, relayUrl, "end to end",
                Load.open(MANY, END_TO_END_RATE, options.openLoopSeconds()));

        f.peakRssKb = relay.memoryKb("VmHWM");
        f.peakReset = relay.resetPeakMemory();
        progress(String.format("Burst: %,d events while IFTTT answers 503, then IFTTT back", options.burst()));
        burst(f, client, standIn, relay, relayUrl);
        f.burstPeakRssKb = relay.memoryKb("VmHWM");
        f.refusedWhileDown = standIn.refused();

        for (Batch batch : relayBatches) {
            f.missing += batch.missing();
            f.doubled += batch.doubled();
            f.deliveredButNotAccepted += batch.deliveredButNotAccepted();
        }
        f.unexpectedAtStandIn = standIn.unexpected();
        double ours = ServerProcess.cpuSecondsOf(ProcessHandle.current().pid()) - selfStart + relay.cpuSeconds()
                + baseline.cpuSeconds();
        f.otherCpuShare = (machineBusySeconds() - machineStart - ours)
                / (seconds(System.nanoTime() - runStart) * Runtime.getRuntime().availableProcessors());
        progress("Stopping the relay (SIGTERM)");
        f.shutdown = relay.stop(SHUTDOWN_TIMEOUT);
        f.relayLog = LogSummary.of(relay.log);
        f.loadAtEnd = loadAverage();
        return f;
    }

    private ServerProcess startRelay(int port, int managementPort, String iftttBaseUrl) throws IOException {
        List<String> command = new ArrayList<>(List.of("-Xmx" + options.xmx()));
        command.add("-Dcamel.server.host=127.0.0.1");
        command.add("-Dcamel.server.port=" + port);
        command.add("-Dcamel.management.port=" + managementPort);
        command.add("-Drelay.data-dir=" + workDir.resolve("data"));
        command.add("-Difttt.key=" + IftttStandIn.KEY);
        command.add("-Difttt.base-url=" + iftttBaseUrl);
        command.add("-Difttt.events=*");
        // "No rate limit": far above any rate reached here. (Camel's throttle keeps an object for each request a
        // second it allows: 1,000,000 would cost the relay some 30 MB of heap.)
        command.add("-Difttt.rate-per-second=100000");
        for (String off : List.of("slack.webhook-url", "slack.token", "slack.channel", "twilio.account-sid",
                "twilio.auth-token", "twilio.from", "twilio.to", "tableau.server-url")) {
            command.add("-D" + off + "=");
        }
        command.addAll(RETRY_SETTINGS);
        command.addAll(options.relayOptions());
        Path log = workDir.resolve("relay.log");
        if (options.javaJar()) {
            command.add(0, ServerProcess.java());
            command.addAll(List.of("-jar", JAR.toString()));
            progress("Starting the relay with java -jar, log: " + log);
            return ServerProcess.start("the relay", command, log);
        }
        // through its launcher, with the same Java as the benchmark; the options above come after the launcher's
        progress("Starting the relay with bin/relay, log: " + log);
        return ServerProcess.start("the relay", List.of("bin/relay"), log,
                Map.of("JAVA_OPTS", String.join(" ", command), "RELAY_JAVA", ServerProcess.java()));
    }

    private ServerProcess startBaseline(int port) throws IOException {
        List<String> command = List.of(ServerProcess.java(), "-Xmx" + options.xmx(), "-cp",
                System.getProperty("java.class.path"), "BareBaseline", String.valueOf(port));
        return ServerProcess.start("the bare baseline", command, workDir.resolve("baseline.log"));
    }

    /**
     * Posts on MANY connections in windows of WARM_UP_WINDOW until two windows in a row agree within 10% (the JIT
     * compilers of client and server are done with this path) after at least seconds[0], or for seconds[1] at most.
     */
    private static void warmUp(LoadClient client, URI url, Batch batch, String server, int[] seconds)
            throws Exception {
        long start = System.nanoTime();
        double last = -1;
        while (true) {
            double rate = client.closedLoop(url, batch, MANY, WARM_UP_WINDOW).perSecond();
            double elapsed = seconds(System.nanoTime() - start);
            boolean steady = last > 0 && Math.abs(rate - last) <= 0.1 * Math.max(rate, last);
            last = rate;
            if ((steady && elapsed >= seconds[0]) || elapsed >= seconds[1]) {
                progress(String.format("Warm-up: %s %s at %,.0f/s after %.0f s", server, steady ? "steady" : "still",
                        rate, elapsed));
                return;
            }
        }
    }

    private Batch batch(String name, double expectedSeconds) {
        int capacity = (int) Math.min(Math.max(1000, expectedSeconds * 120_000), 4_000_000);
        return new Batch(nextBatchId++, name, capacity);
    }

    private ServerPhase baselinePhase(LoadClient client, ServerProcess baseline, URI url, Load load) throws Exception {
        Batch batch = batch("baseline " + load, load.seconds());
        ServerProcess.Cpu cpuStart = baseline.cpu();
        LoadClient.Result result = load.run(client, url, batch);
        ServerProcess.Cpu cpu = baseline.cpu().since(cpuStart);
        baseline.checkAlive();
        return new ServerPhase(result, cpu, null);
    }

    /** Posts to the relay, then waits until IFTTT received every accepted event (or stops waiting). */
    private ServerPhase relayPhase(LoadClient client, IftttStandIn standIn, ServerProcess relay, URI url, String name,
            Load load) throws Exception {
        Batch batch = batch(name, load.seconds());
        standIn.expect(batch);
        relayBatches.add(batch);
        ServerProcess.Cpu cpuStart = relay.cpu();
        long start = System.nanoTime();
        LoadClient.Result result = load.run(client, url, batch);
        long loadEnd = System.nanoTime();
        relay.checkAlive();
        Drain drain = awaitDelivered(batch, start, loadEnd);
        ServerProcess.Cpu cpu = relay.cpu().since(cpuStart);
        return new ServerPhase(result, cpu, drain);
    }

    private void burst(Figures f, LoadClient client, IftttStandIn standIn, ServerProcess relay, URI url)
            throws Exception {
        Batch batch = new Batch(nextBatchId++, "burst", options.burst());
        standIn.expect(batch);
        relayBatches.add(batch);
        standIn.down(true);
        long start = System.nanoTime();
        AtomicBoolean stalled = new AtomicBoolean();
        Thread watch = new Thread(() -> watchBurst(batch, stalled));
        watch.setDaemon(true);
        watch.start();
        LoadClient.Result result;
        try {
            result = client.closedLoop(url, batch, MANY, Duration.ofHours(1), stalled::get);
        } finally {
            watch.interrupt();
        }
        long loadEnd = System.nanoTime();
        standIn.down(false);
        relay.checkAlive();
        progress(String.format("Burst accepted (%,d in %.1f s); IFTTT is back", result.accepted(),
                seconds(loadEnd - start)));
        f.burstStalled = stalled.get();
        f.burst = awaitDelivered(batch, start, loadEnd).withLoad(result);
    }

    /** Reports the burst's progress, and stops it (stalled) when the relay accepted nothing for DELIVERY_STALL. */
    private static void watchBurst(Batch batch, AtomicBoolean stalled) {
        int accepted = 0;
        long lastProgress = System.nanoTime();
        long lastReport = lastProgress;
        try {
            while (true) {
                Thread.sleep(1000);
                int now = batch.accepted();
                if (now > accepted) {
                    accepted = now;
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > DELIVERY_STALL.toNanos()) {
                    progress(String.format("No event accepted for %d s: the burst stops at %,d posted",
                            DELIVERY_STALL.toSeconds(), batch.issued()));
                    stalled.set(true);
                    return;
                }
                if (System.nanoTime() - lastReport > PROGRESS_EVERY.toNanos()) {
                    progress(String.format("%,d of %,d posted, %,d accepted", batch.issued(), batch.capacity, accepted));
                    lastReport = System.nanoTime();
                }
            }
        } catch (InterruptedException e) {
            // the burst is posted
        }
    }

    /**
     * Waits until every accepted event of the batch was delivered, or none arrived for DELIVERY_STALL, or the drain
     * limit is up.
     */
    private Drain awaitDelivered(Batch batch, long loadStart, long loadEnd) throws InterruptedException {
        int accepted = batch.accepted();
        if (batch.deliveredEvents() < accepted) {
            progress(String.format("Waiting for IFTTT to receive the %,d events accepted (%s)", accepted, batch.name));
        }
        int delivered = batch.deliveredEvents();
        long lastProgress = System.nanoTime();
        long lastReport = lastProgress;
        long limit = loadEnd + Duration.ofSeconds(options.drainLimitSeconds()).toNanos();
        while (delivered < accepted) {
            long now = System.nanoTime();
            if (now > limit || now - lastProgress > DELIVERY_STALL.toNanos()) {
                break;
            }
            Thread.sleep(20);
            int nowDelivered = batch.deliveredEvents();
            if (nowDelivered > delivered) {
                delivered = nowDelivered;
                lastProgress = System.nanoTime();
            }
            if (System.nanoTime() - lastReport > PROGRESS_EVERY.toNanos()) {
                progress(String.format("%,d of %,d delivered", delivered, accepted));
                lastReport = System.nanoTime();
            }
        }
        boolean complete = delivered >= accepted;
        long end = complete ? Math.max(batch.lastDelivery(), loadEnd) : System.nanoTime();
        if (!complete) {
            progress(String.format("Stopped waiting: %,d of %,d delivered %.0f s after the load", delivered, accepted,
                    seconds(end - loadEnd)));
        }
        return new Drain(batch, null, accepted, delivered, complete, loadStart, loadEnd, end,
                batch.deliveredBetween(loadStart, loadEnd));
    }

    static void progress(String message) {
        System.out.println("... " + message);
    }

    static int freePort() throws IOException {
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** CPU time all processes of the machine used so far, from /proc/stat: user, nice, system, irq, softirq, steal. */
    static double machineBusySeconds() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split(" +");
            long busy = 0;
            for (int field : new int[] {1, 2, 3, 6, 7, 8}) {
                busy += Long.parseLong(cpu[field]);
            }
            return busy / 100.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
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

    /** A load: closed loop on some connections for some seconds, or open loop at a rate. */
    record Load(int connections, double rate, int seconds) {

        static Load closed(int connections, int seconds) {
            return new Load(connections, 0, seconds);
        }

        static Load open(int connections, double rate, int seconds) {
            return new Load(connections, rate, seconds);
        }

        LoadClient.Result run(LoadClient client, URI url, Batch batch) throws Exception {
            return rate > 0
                    ? client.openLoop(url, batch, connections, rate, Duration.ofSeconds(seconds))
                    : client.closedLoop(url, batch, connections, Duration.ofSeconds(seconds));
        }

        @Override
        public String toString() {
            return rate > 0 ? String.format("open loop %.0f/s", rate) : connections + " connections";
        }
    }

    /** A phase against one server: the answers, the server's CPU time, and for the relay the deliveries. */
    record ServerPhase(LoadClient.Result load, ServerProcess.Cpu cpu, Drain drain) {

        /** CPU time per accepted event, in microseconds. */
        double cpuMicrosPerEvent() {
            return perEvent(cpu.all());
        }

        /** Of which the JIT compiler's and the garbage collector's, in microseconds. */
        double jitMicrosPerEvent() {
            return perEvent(cpu.jit());
        }

        double gcMicrosPerEvent() {
            return perEvent(cpu.gc());
        }

        private double perEvent(double seconds) {
            return load.accepted() == 0 ? Double.NaN : seconds * 1e6 / load.accepted();
        }
    }

    /** How the accepted events of a phase reached IFTTT. */
    record Drain(Batch batch, LoadClient.Result load, int accepted, int delivered, boolean complete, long loadStart,
                 long loadEnd, long end, int deliveredDuringLoad) {

        Drain withLoad(LoadClient.Result result) {
            return new Drain(batch, result, accepted, delivered, complete, loadStart, loadEnd, end, deliveredDuringLoad);
        }

        /** Events delivered a second while the load went on. */
        double deliveredPerSecondDuringLoad() {
            return deliveredDuringLoad / seconds(loadEnd - loadStart);
        }

        /** Events delivered a second from the start of the load until the last delivery (or the end of the wait). */
        double deliveredPerSecond() {
            return delivered / seconds(end - loadStart);
        }

        /** From the end of the load until the last delivery (or until the benchmark stopped waiting). */
        double secondsAfterLoad() {
            return seconds(end - loadEnd);
        }
    }

    record Options(boolean quick, int seconds, int burst, int drainLimitSeconds, String xmx,
                   List<String> relayOptions, boolean keepLog, boolean javaJar, boolean help) {

        /** From ready until the idle measurement starts. */
        int settleSeconds() {
            return quick ? 1 : 60;
        }

        int idleSeconds() {
            return quick ? 2 : 10;
        }

        /** Least and most seconds of warm-up for the baseline. */
        int[] baselineWarmUp() {
            return quick ? new int[] {3, 6} : new int[] {8, 30};
        }

        /** Least and most seconds of warm-up for the relay (its deliveries are waited for after). */
        int[] relayWarmUp() {
            return quick ? new int[] {2, 2} : new int[] {30, 40};
        }

        int openLoopSeconds() {
            return quick ? 2 : 20;
        }

        static Options parse(String[] args) {
            boolean quick = List.of(args).contains("--quick");
            Integer seconds = null;
            Integer burst = null;
            Integer drainLimit = null;
            String xmx = "256m";
            List<String> relayOptions = new ArrayList<>();
            boolean keepLog = false;
            boolean javaJar = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--help", "-h" -> {
                        return new Options(quick, 0, 0, 0, xmx, relayOptions, keepLog, javaJar, true);
                    }
                    case "--quick" -> {
                        // read above
                    }
                    case "--seconds" -> seconds = positive(args[i], valueAfter(args, i++));
                    case "--burst" -> burst = positive(args[i], valueAfter(args, i++));
                    case "--drain-limit" -> drainLimit = positive(args[i], valueAfter(args, i++));
                    case "--xmx" -> xmx = memorySize(valueAfter(args, i++));
                    case "--relay-option" -> relayOptions.add(valueAfter(args, i++));
                    case "--keep-log" -> keepLog = true;
                    case "--java-jar" -> javaJar = true;
                    default -> throw new IllegalArgumentException("unknown option: " + args[i]);
                }
            }
            return new Options(quick, seconds != null ? seconds : quick ? 2 : 10,
                    burst != null ? burst : quick ? 5_000 : 200_000,
                    drainLimit != null ? drainLimit : quick ? 3 : 180, xmx, List.copyOf(relayOptions), keepLog,
                    javaJar, false);
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
}
