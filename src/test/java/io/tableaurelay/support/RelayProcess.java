package io.tableaurelay.support;

import java.io.File;
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
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-Dcamel.server.host=127.0.0.1");
        command.add("-Dcamel.server.port=" + port);
        command.add("-Dcamel.management.port=" + managementPort);
        RunningRelay.testDefaults().forEach((name, value) -> command.add("-D" + name + "=" + value));
        settings.forEach((name, value) -> command.add("-D" + name + "=" + value));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.tableaurelay.RelayApplication");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .directory(new File(System.getProperty("user.dir")))
                    .start();
            RelayProcess relay = new RelayProcess(process, port, managementPort);
            relay.awaitReady(log);
            return relay;
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

    public URI webhookUrl() {
        return URI.create("http://127.0.0.1:" + port + "/webhooks/tableau");
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
