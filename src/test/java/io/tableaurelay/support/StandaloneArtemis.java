package io.tableaurelay.support;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import io.tableaurelay.broker.DuplicateEvents;
import org.awaitility.Awaitility;

/**
 * An Apache ActiveMQ Artemis broker of its own, from the distribution the build unpacks (system property
 * artemis.home): an instance created in a temporary folder, listening on a free port of 127.0.0.1, with the relay's
 * duplicate plugin loaded.
 */
public final class StandaloneArtemis implements AutoCloseable {

    public static final String USER = "relay";
    public static final String PASSWORD = "relay-broker-password";

    private final Path instance;
    private final Path log;
    private final int port;
    private Process process;

    private StandaloneArtemis(Path instance, Path log, int port) {
        this.instance = instance;
        this.log = log;
        this.port = port;
    }

    public static StandaloneArtemis start() throws IOException, InterruptedException {
        Path home = Path.of(System.getProperty("artemis.home", "target/artemis/apache-artemis-2.40.0"));
        Path artemis = home.resolve("bin").resolve("artemis");
        if (!Files.isExecutable(artemis)) {
            artemis.toFile().setExecutable(true);
        }
        Path instance = Files.createTempDirectory("artemis-instance");
        Path log = instance.resolve("run.log");
        int port = RunningRelay.freePort();
        run(List.of(artemis.toString(), "create", instance.toString(), "--force", "--silent", "--nio",
                "--user", USER, "--password", PASSWORD, "--require-login", "--host", "127.0.0.1",
                "--default-port", String.valueOf(port), "--no-web", "--no-autotune", "--no-amqp-acceptor",
                "--no-mqtt-acceptor", "--no-stomp-acceptor", "--no-hornetq-acceptor"), log);
        loadDuplicateEvents(instance);
        StandaloneArtemis started = new StandaloneArtemis(instance, log, port);
        started.run();
        return started;
    }

    /** Starts the broker again after {@link #stop()}, on the same port with the same journal. */
    public void run() throws IOException {
        process = new ProcessBuilder(instance.resolve("bin").resolve("artemis").toString(), "run")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        awaitListening(log);
    }

    /**
     * The relay's broker plugin that holds copies of one event apart (README, "Running several instances"), as an
     * operator loads it: a jar with the plugin in the instance's lib/ and a broker-plugin entry in broker.xml.
     */
    private static void loadDuplicateEvents(Path instance) throws IOException {
        Path classes = Path.of("target", "classes");
        Path plugin = classes.resolve(DuplicateEvents.class.getName().replace('.', '/') + ".class");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(instance.resolve("lib")
                .resolve("tableau-webhook-relay-plugin.jar")))) {
            jar.putNextEntry(new JarEntry(classes.relativize(plugin).toString()));
            jar.write(Files.readAllBytes(plugin));
            jar.closeEntry();
        }
        Path brokerXml = instance.resolve("etc").resolve("broker.xml");
        String xml = Files.readString(brokerXml);
        Files.writeString(brokerXml, xml.replace("</core>", "<broker-plugins><broker-plugin class-name=\""
                + DuplicateEvents.class.getName() + "\"/></broker-plugins></core>"));
    }

    private static void run(List<String> command, Path log) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("artemis create failed; see " + log);
        }
    }

    private void awaitListening(Path log) {
        Awaitility.await("the broker listening; see " + log).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200)).dontCatchUncaughtExceptions()
                .failFast("the broker exited; see " + log, () -> !process.isAlive())
                .ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> {
                    try (Socket socket = new Socket("127.0.0.1", port)) {
                        return true;
                    }
                });
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** Stops the broker (its clients see it gone); {@link #run()} starts it again. */
    public void stop() {
        close();
    }

    @Override
    public void close() {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
