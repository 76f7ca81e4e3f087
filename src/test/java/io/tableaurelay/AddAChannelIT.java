package io.tableaurelay;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.tableaurelay.support.ChannelStandIn;
import io.tableaurelay.support.Events;
import io.tableaurelay.support.Received;
import io.tableaurelay.support.RelayProcess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static io.tableaurelay.support.ChannelStandIn.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * README's "Add a channel", done as a user does it: routes/ and application.properties copied to a working
 * directory, one more channel file and two settings added there, no Java and no rebuild; the built jar started
 * there. The new channel gets its filter, retries, dead letters and replay, metrics, delivery log entries, a
 * status page row and a test message, like the shipped ones.
 */
@Tag("process")
class AddAChannelIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String OPS_HOOK = "/ops/events";
    private static final String OPS_CHANNEL = """
            # Operations' own receiver: failures only, as JSON.
            - templatedRoute:
                routeTemplateRef: channel
                routeId: ops
                parameters:
                  - name: name
                    value: Operations
                  - name: needs
                    value: ops.url
                  - name: events
                    value: "{{ops.events}}"
                  - name: kind
                    value: json
                  - name: template
                    value: forward.json.vm
                  - name: endpoint
                    value: "{{ops.url}}"
            """;

    @RegisterExtension
    final ChannelStandIn standIn = new ChannelStandIn();

    @TempDir
    Path workingDirectory;

    @Test
    void aChannelFileAndTwoSettingsMakeAChannelLikeTheShippedOnes() throws IOException {
        copy(Path.of("routes"), workingDirectory.resolve("routes"));
        Files.copy(Path.of("application.properties"), workingDirectory.resolve("application.properties"));
        Files.writeString(workingDirectory.resolve("routes/ops.yaml"), OPS_CHANNEL);
        Files.writeString(workingDirectory.resolve("application.properties"), "\nops.url = " + standIn.base() + OPS_HOOK
                + "\nops.events = *Failed\n", StandardOpenOption.APPEND);
        standIn.answer(OPS_HOOK, aResponse().withStatus(200));
        standIn.answerOnceWhenMentioned(OPS_HOOK, "Flaky", 503);
        standIn.answerOnceWhenMentioned(OPS_HOOK, "Refused", 400);

        Path log = Files.createTempFile("relay-add-a-channel", ".log");
        try (RelayProcess relay = RelayProcess.startJar(workingDirectory, Map.of(), log)) {
            assertEquals(200, relay.post(Events.event("WorkbookCreated", "WORKBOOK", "Not a failure")));
            assertEquals(200, relay.post(Events.event("WorkbookRefreshFailed", "EXTRACTS", "Flaky")));
            assertEquals(200, relay.post(Events.event("DatasourceRefreshFailed", "EXTRACTS", "Refused")));
            assertEquals(200, relay.post(Events.event("WorkbookRefreshFailed", "EXTRACTS", "Last")));

            JsonNode letters = await("the refused event in DLQ.ops", WAIT,
                    () -> json(relay, "GET", "/admin/dead-letters?channel=ops"),
                    answer -> answer.path("deadLetters").size() == 1);
            assertEquals("HTTP 400", letters.path("deadLetters").get(0).path("lastError").asText());
            await("the flaky event delivered on its second attempt", WAIT, () -> outcome(relay, "Flaky"),
                    outcome -> "delivered".equals(outcome.path("outcome").asText()) && outcome.path("attempts").asInt() == 2);
            await("the last event", WAIT, () -> names(), names -> names.contains("Last"));
            assertFalse(names().contains("Not a failure"), "filtered by ops.events");

            assertEquals(1, json(relay, "POST", "/admin/dead-letters/replay?channel=ops").path("replayed").asInt());
            await("the replayed event", WAIT, () -> outcome(relay, "Refused"),
                    outcome -> "delivered".equals(outcome.path("outcome").asText()));

            assertEquals(200, send(relay, "POST", "/admin/test-message?channel=ops").statusCode());
            await("the test message", WAIT, () -> names(), names -> names.stream().anyMatch(name -> name.contains("Test message")));

            JsonNode row = statusRow(relay, "ops");
            assertEquals("Operations", row.path("name").asText());
            assertTrue(row.path("on").asBoolean());
            assertEquals("*Failed", row.path("events").asText());
            assertTrue(row.path("delivered").asInt() >= 4, row.toString());

            String metrics = send(relay, "GET", "/observe/metrics").body();
            assertTrue(metrics.contains("relay_messages_delivered_total{camelContext=\"tableau-webhook-relay\",channel=\"ops\""),
                    metrics);
            assertTrue(metrics.contains("relay_queue_messages{queue=\"ops\"}"), metrics);
            assertTrue(metrics.contains("relay_dead_letter_messages{channel=\"ops\"} 0.0"), metrics);
            assertTrue(send(relay, "GET", "/observe/health?exposureLevel=full").body().contains("channel-ops"));
        }
    }

    private List<String> names() {
        return standIn.posted(OPS_HOOK).stream().map(request -> Received.json(request).path("item").path("name").asText())
                .toList();
    }

    /** The channel's row on the status page, as /admin/status gives it to the page. */
    private static JsonNode statusRow(RelayProcess relay, String channel) {
        for (JsonNode row : json(relay, "GET", "/admin/status").path("channels")) {
            if (channel.equals(row.path("id").asText())) {
                return row;
            }
        }
        throw new AssertionError("no status page row for " + channel);
    }

    private static JsonNode outcome(RelayProcess relay, String item) {
        for (JsonNode delivery : json(relay, "GET", "/admin/deliveries?channel=ops").path("deliveries")) {
            if (item.equals(delivery.path("item").asText())) {
                return delivery.path("channels").path("ops");
            }
        }
        return Received.json("{}");
    }

    private static JsonNode json(RelayProcess relay, String method, String path) {
        return Received.json(send(relay, method, path).body());
    }

    private static HttpResponse<String> send(RelayProcess relay, String method, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(relay.managementUrl(path)).header("X-Requested-By", "test").method(method,
                    HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }
}
