package io.tableaurelay.operations;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import io.tableaurelay.support.CapturedLog;
import io.tableaurelay.support.RunningRelay;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The admin endpoints and the status page need admin.username and admin.password; health and metrics do not. */
@Tag("relay")
class AdminAccessTest {

    private static final String PASSWORD = "admin-password-0001";
    private static final String[] ADMIN_PATHS = {"/admin/dead-letters", "/admin/deliveries", "/admin/status", "/status",
        "/status/status.js"};

    @Test
    void adminRequestsWithoutValidCredentialsGet401() {
        try (CapturedLog log = CapturedLog.capture();
                RunningRelay relay = RunningRelay.start(Map.of("admin.username", "ops", "admin.password", PASSWORD))) {
            for (String path : ADMIN_PATHS) {
                HttpResponse<String> anonymous = relay.manage(path);
                assertEquals(401, anonymous.statusCode(), path);
                assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"), path);
                assertEquals(401, get(relay, path, basic("ops", "wrong-password")).statusCode(), path);
                assertEquals(401, get(relay, path, basic("someone", PASSWORD)).statusCode(), path);
                assertEquals(401, get(relay, path, "Bearer " + PASSWORD).statusCode(), path);
                assertEquals(200, get(relay, path, basic("ops", PASSWORD)).statusCode(), path);
            }
            assertEquals(401, relay.send(HttpRequest.newBuilder(relay.managementUrl("/admin/dead-letters/replay"))
                    .POST(HttpRequest.BodyPublishers.noBody())).statusCode());
            assertEquals(401, relay.send(HttpRequest.newBuilder(relay.managementUrl("/admin/test-message?channel=slack"))
                    .POST(HttpRequest.BodyPublishers.noBody())).statusCode());

            assertEquals(200, relay.manage("/observe/health/ready").statusCode(), "probes need no credentials");
            assertEquals(200, relay.manage("/observe/metrics").statusCode(), "scrapes need no credentials");
            assertTrue(log.contains("behind admin.username and admin.password"), String.join("\n", log.lines()));
            assertFalse(log.lines().stream().anyMatch(line -> line.contains(PASSWORD)));
        }
    }

    @Test
    void withoutCredentialsSetAdminIsOpenAndTheStartupLogSaysSo() {
        try (CapturedLog log = CapturedLog.capture(); RunningRelay relay = RunningRelay.start(Map.of())) {
            assertEquals(200, relay.manage("/admin/status").statusCode());
            HttpResponse<String> letters = relay.manage("/admin/dead-letters");
            assertEquals(200, letters.statusCode(), "no dead-letter queue exists yet: " + letters.body());
            assertEquals("{\"deadLetters\":[]}", letters.body());
            HttpResponse<String> page = relay.manage("/status");
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("<title>tableau-webhook-relay status</title>"));
            assertTrue(log.contains("open to anyone who reaches the port: set admin.username and admin.password"));
        }
    }

    @Test
    void aManagementPortBeyondThisMachineNeedsAdminCredentials() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> RunningRelay.start(Map.of("camel.management.host", "0.0.0.0")).close());
        String reasons = causes(refused);
        assertTrue(reasons.contains("Set admin.username and admin.password: the management port listens on 0.0.0.0 "
                + "(camel.management.host), beyond this machine"), reasons);

        try (RunningRelay relay = RunningRelay.start(Map.of("camel.management.host", "0.0.0.0",
                "admin.username", "ops", "admin.password", PASSWORD))) {
            assertEquals(200, relay.manage("/observe/health/ready").statusCode(), "probes need no credentials");
            assertEquals(401, relay.manage("/admin/status").statusCode());
            assertEquals(200, get(relay, "/admin/status", basic("ops", PASSWORD)).statusCode());
        }
    }

    private static String causes(Throwable thrown) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            text.append(cause.getMessage()).append('\n');
        }
        return text.toString();
    }

    private static HttpResponse<String> get(RunningRelay relay, String path, String authorization) {
        return relay.send(HttpRequest.newBuilder(relay.managementUrl(path)).header("Authorization", authorization).GET());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
