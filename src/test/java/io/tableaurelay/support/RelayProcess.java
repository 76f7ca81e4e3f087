package io.tableaurelay.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

/**
 * The relay as a separate process (java io.tableaurelay.RelayApplication, from the repository root, settings
 * as -D options), for tests that kill it with SIGKILL.
 */
public final class RelayProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final int port;
    private final int managementPort;

    private RelayProcess(Process process, int port, int managementPort) {
        this.process = process;
        this.port = port;
        this.managementPort = managementPort;
    }

    public static RelayProcess start(Map<String, String> settings, Path log) {
        int port = RunningRelay.freePort();
        int managementPort = RunningRelay.freePort();
        RelayProcess relay = new RelayProcess(launch(settings, log, port, managementPort, fromClasses(),
                Path.of(System.getProperty("user.dir"))), port, managementPort);
        relay.awaitReady(log);
        return relay;
    }

    /**
     * The built jar (target/tableau-webhook-relay.jar) run the way the README says, in {@code workingDirectory},
     * which holds its routes/ and application.properties.
     */
    public static RelayProcess startJar(Path workingDirectory, Map<String, String> settings, Path log) {
        int port = RunningRelay.freePort();
        int managementPort = RunningRelay.freePort();
        Path jar = Path.of(System.getProperty("relay.build.dir", "target"), "tableau-webhook-relay.jar").toAbsolutePath();
        RelayProcess relay = new RelayProcess(launch(settings, log, port, managementPort,
                List.of("-jar", jar.toString()), workingDirectory), port, managementPort);
        relay.awaitReady(log);
        return relay;
    }

    /** The relay's classes as this test run has them. */
    private static List<String> fromClasses() {
        return List.of("-cp", System.getProperty("java.class.path"), "io.tableaurelay.RelayApplication");
    }

    /** Starts a relay that is expected not to start; returns its exit code. */
    public static int exitCodeOfFailedStart(Map<String, String> settings, Path log) {
        Process process = launch(settings, log, RunningRelay.freePort(), RunningRelay.freePort(), fromClasses(),
                Path.of(System.getProperty("user.dir")));
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the relay still runs 60 s after it was started; see " + log);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Process launch(Map<String, String> settings, Path log, int port, int managementPort,
            List<String> program, Path workingDirectory) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-Dcamel.server.host=127.0.0.1");
        command.add("-Dcamel.server.port=" + port);
        command.add("-Dcamel.management.port=" + managementPort);
        RunningRelay.testDefaults().forEach((name, value) -> command.add("-D" + name + "=" + value));
        settings.forEach((name, value) -> command.add("-D" + name + "=" + value));
        command.addAll(program);
        try {
            return new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .directory(workingDirectory.toFile())
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits for readiness, not just a listening port: the webhook route is added after the server starts. */
    private void awaitReady(Path log) {
        URI ready = URI.create("http://127.0.0.1:" + managementPort + "/observe/health/ready");
        Awaitility.await("the relay process ready; see " + log).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200)).dontCatchUncaughtExceptions()
                .failFast("the relay process exited; see " + log, () -> !process.isAlive())
                .ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> HTTP.send(HttpRequest.newBuilder(ready).GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    public URI managementUrl(String path) {
        return URI.create("http://127.0.0.1:" + managementPort + path);
    }

    public URI webhookUrl() {
        return URI.create("http://127.0.0.1:" + port + "/webhooks/tableau");
    }

    /** GETs a path of the management port; "" while the relay cannot answer. */
    public String manage(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(managementUrl(path)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int post(String json) {
        try {
            return HTTP.send(HttpRequest.newBuilder(webhookUrl()).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGTERM, as {@code docker stop} sends it; returns how long the relay took to exit. */
    public Duration terminate(Duration patience) {
        long start = System.nanoTime();
        if (!exitsAfterSigterm(patience)) {
            throw new AssertionError("the relay did not exit within " + patience.toSeconds() + " s of SIGTERM");
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** SIGKILL: no shutdown hook, no chance to finish anything. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            exitsAfterSigterm(Duration.ofSeconds(20));
        }
    }

    /** Sends SIGTERM and waits; a relay still running after {@code patience} is killed. */
    private boolean exitsAfterSigterm(Duration patience) {
        process.destroy();
        try {
            if (process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kill();
        return false;
    }
}
