import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A server the benchmark runs as a child process (the relay, the bare baseline), with what /proc tells of it:
 * CPU time used (utime + stime) and resident memory.
 */
final class ServerProcess {

    /** Clock ticks a second of /proc/PID/stat's utime and stime (USER_HZ: 100 on Linux). */
    private static final double TICKS_PER_SECOND = 100;
    private static final HttpClient PROBE = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();

    final String name;
    private final Process process;
    private final long startedAt;
    final Path log;

    private ServerProcess(String name, Process process, long startedAt, Path log) {
        this.name = name;
        this.process = process;
        this.startedAt = startedAt;
        this.log = log;
    }

    /** Starts java with the options and arguments, its output going to the log file. */
    static ServerProcess start(String name, List<String> command, Path log) throws IOException {
        return start(name, command, log, Map.of());
    }

    /** The same, with these variables in its environment. */
    static ServerProcess start(String name, List<String> command, Path log, Map<String, String> environment)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        // Settings in the environment would override the benchmark's; the servers get none of them.
        builder.environment().keySet().removeIf(ServerProcess::isRelaySetting);
        builder.environment().putAll(environment);
        long startedAt = System.nanoTime();
        return new ServerProcess(name, builder.start(), startedAt, log);
    }

    private static boolean isRelaySetting(String variable) {
        return variable.matches("(CAMEL|WEBHOOK|SLACK|TWILIO|IFTTT|TABLEAU|RELAY|BROKER|DELIVERY|DEDUP|ADMIN)_.*")
                || variable.startsWith("LOG4J_") || variable.equals("JAVA_TOOL_OPTIONS") || variable.equals("JAVA_OPTS");
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    long pid() {
        return process.pid();
    }

    /** Time from the start of the process until the URL answers 200. */
    Duration awaitHttp200(URI url, Duration timeout) throws InterruptedException {
        HttpRequest probe = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).GET().build();
        while (System.nanoTime() - startedAt < timeout.toNanos()) {
            checkAlive();
            try {
                if (PROBE.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return Duration.ofNanos(System.nanoTime() - startedAt);
                }
            } catch (IOException notListeningYet) {
                // again below
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException(name + " was not ready within " + timeout.toSeconds() + " s; see " + log);
    }

    /** Time from the start of the process until the port takes connections. */
    Duration awaitListening(int port, Duration timeout) throws InterruptedException {
        while (System.nanoTime() - startedAt < timeout.toNanos()) {
            checkAlive();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return Duration.ofNanos(System.nanoTime() - startedAt);
            } catch (IOException notListeningYet) {
                Thread.sleep(20);
            }
        }
        throw new IllegalStateException(name + " did not listen within " + timeout.toSeconds() + " s; see " + log);
    }

    void checkAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with code " + process.exitValue() + "; see " + log);
        }
    }

    /** CPU time the process has used so far, user and system, in seconds (10 ms steps). */
    double cpuSeconds() {
        return cpuSecondsOf(process.pid());
    }

    static double cpuSecondsOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // the fields after "(comm)": state is field 3, utime 14, stime 15
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** CPU time used so far: all of it, and that of the JIT compiler's and the garbage collector's threads. */
    Cpu cpu() {
        return cpuOf(process.pid());
    }

    /** {@link #cpu()} of any process: this one's for a benchmark that runs in the benchmark's own process. */
    static Cpu cpuOf(long pid) {
        double jit = 0;
        double gc = 0;
        try (var tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            for (Path task : tasks.toList()) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException threadEnded) {
                    continue;
                }
                // the thread's name is the field in brackets: the JVM names its own threads "C2 CompilerThre",
                // "GC Thread#0", "G1 Conc#0", ...
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                double seconds = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
                if (name.matches("C[12] CompilerThre.*")) {
                    jit += seconds;
                } else if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
                    gc += seconds;
                }
            }
        } catch (IOException | RuntimeException e) {
            jit = Double.NaN;
            gc = Double.NaN;
        }
        return new Cpu(cpuSecondsOf(pid), jit, gc);
    }

    /** CPU seconds: all the process used, and the JIT compiler's and the garbage collector's share of it. */
    record Cpu(double all, double jit, double gc) {

        Cpu since(Cpu start) {
            return new Cpu(all - start.all, Math.max(0, jit - start.jit), Math.max(0, gc - start.gc));
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
            System.err.println("Could not read " + field + " of " + name + ": " + e.getMessage());
        }
        return -1;
    }

    /** Sets VmHWM back to the present VmRSS (Linux 4.0 and later), so that a phase's peak can be read alone. */
    boolean resetPeakMemory() {
        try {
            Files.writeString(Path.of("/proc", String.valueOf(process.pid()), "clear_refs"), "5");
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** SIGTERM, then waits: how long it took to exit and with which code, or null when it did not within timeout. */
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

    record Shutdown(boolean exited, Duration took, int exitCode) {
    }
}
