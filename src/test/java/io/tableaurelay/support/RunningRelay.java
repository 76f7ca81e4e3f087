package io.tableaurelay.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.tableaurelay.RelayApplication;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

/**
 * The real relay, started in this JVM the way {@code java -jar} starts it (./application.properties and
 * ./routes), with the given settings on top and its HTTP server on a free port of 127.0.0.1.
 */
public final class RunningRelay implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Main main;
    private final int port;
    private final int managementPort;
    private final String webhookPath;

    private RunningRelay(Main main, int port, int managementPort, String webhookPath) {
        this.main = main;
        this.port = port;
        this.managementPort = managementPort;
        this.webhookPath = webhookPath;
    }

    /**
     * Starts the relay with every channel off unless {@code settings} turns it on, reading the channel files in
     * {@code moreRoutes} besides those in routes/.
     */
    public static RunningRelay start(Map<String, String> settings, Path moreRoutes) {
        Map<String, String> all = new LinkedHashMap<>(settings);
        all.put("camel.main.routes-include-pattern", RelayApplication.ROUTES_PATTERN + ",file:" + moreRoutes + "/*.yaml");
        return start(all);
    }

    /** Starts the relay with every channel off unless {@code settings} turns it on. */
    public static RunningRelay start(Map<String, String> settings) {
        Map<String, String> all = new LinkedHashMap<>();
        int port = freePort();
        all.put("camel.server.host", "127.0.0.1");
        all.put("camel.server.port", String.valueOf(port));
        int managementPort = freePort();
        all.put("camel.management.port", String.valueOf(managementPort));
        all.putAll(testDefaults());
        all.putAll(settings);
        Main main = RelayApplication.create();
        all.forEach(main::addOverrideProperty);
        try {
            main.start();
        } catch (Exception e) {
            IllegalStateException failed = new IllegalStateException("relay did not start", e);
            try {
                main.stop();
            } catch (Exception stopping) {
                failed.addSuppressed(stopping);
            }
            throw failed;
        }
        return new RunningRelay(main, port, managementPort, all.getOrDefault("webhook.path", "/webhooks/tableau"));
    }

    /** Short retry delays, no rate limits, a fresh data directory: what tests run the relay with. */
    public static Map<String, String> testDefaults() {
        Map<String, String> defaults = new LinkedHashMap<>(channelsOff());
        defaults.put("camel.main.shutdown-timeout", "3");
        defaults.put("relay.data-dir", newDataDir());
        defaults.put("delivery.initial-delay-ms", "200");
        defaults.put("delivery.max-delay-ms", "1000");
        defaults.put("slack.rate-per-second", "100");
        defaults.put("twilio.rate-per-second", "100");
        defaults.put("ifttt.rate-per-second", "100");
        defaults.put("teams.rate-per-second", "100");
        defaults.put("email.rate-per-second", "100");
        defaults.put("forward.rate-per-second", "100");
        // each event on its own, as soon as it comes, no repeats and no recoveries, unless a test wants storms
        for (String channel : new String[] {"slack", "twilio", "ifttt", "teams", "email", "forward"}) {
            defaults.put(channel + ".group-wait", "0");
            defaults.put(channel + ".notify-recovery", "false");
        }
        defaults.put("twilio.max-per-hour", "0");
        defaults.put("repeat-interval", "0s");
        // one at a time: tests that post a marker last rely on first in, first out
        defaults.put("delivery.consumers", "1");
        return defaults;
    }

    private static String newDataDir() {
        try {
            return Files.createTempDirectory("relay-data").toString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Blank credentials, so that nothing in the environment turns a channel on by accident. */
    private static Map<String, String> channelsOff() {
        Map<String, String> off = new LinkedHashMap<>();
        for (String name : new String[] {"slack.webhook-url", "slack.token", "slack.channel", "twilio.account-sid",
                "twilio.auth-token", "twilio.from", "twilio.to", "ifttt.key", "ifttt.event-name", "teams.webhook-url",
                "email.host", "email.username", "email.password", "email.from", "email.to", "forward.url",
                "forward.headers", "forward.signing-secret"}) {
            off.put(name, "");
        }
        return off;
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public URI managementUrl(String path) {
        return URI.create("http://127.0.0.1:" + managementPort + path);
    }

    public URI webhookUrl() {
        return url(webhookPath);
    }

    /** POSTs a body to the webhook endpoint as Tableau does (application/json). */
    public HttpResponse<String> post(String json) {
        return send(HttpRequest.newBuilder(webhookUrl())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** POSTs these exact bytes to the webhook endpoint as application/json. */
    public HttpResponse<String> post(byte[] body) {
        return send(HttpRequest.newBuilder(webhookUrl())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** GETs a path of the management port (health, metrics, admin), without credentials. */
    public HttpResponse<String> manage(String path) {
        return send(HttpRequest.newBuilder(managementUrl(path)).GET());
    }

    /**
     * Sends an admin request to the management port as the status page does (with {@code X-Requested-By}, no
     * credentials); {@code json} is the body, or null for none.
     */
    public HttpResponse<String> admin(String method, String path, String json) {
        return send(HttpRequest.newBuilder(managementUrl(path)).header("X-Requested-By", "test")
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            main.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
