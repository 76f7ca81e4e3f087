package io.tableaurelay.operations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.tableaurelay.support.ChannelStandIn;
import io.tableaurelay.support.Events;
import io.tableaurelay.support.Received;
import io.tableaurelay.support.RelayProcess;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.DefaultConfiguration;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.layout.template.json.JsonTemplateLayout;
import org.apache.logging.log4j.message.SimpleMessage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static io.tableaurelay.support.ChannelStandIn.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * JSON log lines (log4j2-json.properties): every line one JSON object, the event id in the line about its receipt
 * and in the line about its delivery, and secrets masked as in the plain layout.
 */
@Tag("process")
class JsonLogTest {

    private static final Pattern EVENT_ID = Pattern.compile("\\[event ([0-9a-f]{64})]");

    @Test
    void aRelayWithJsonLogsPrintsOneJsonObjectALineAndTheEventIdFollowsTheEvent() throws IOException {
        Path log = Files.createTempFile("relay-json", ".log");
        try (ChannelStandIn standIn = new ChannelStandIn();
                RelayProcess relay = RelayProcess.start(Map.of(
                        "log4j2.configurationFile", "classpath:log4j2-json.properties",
                        "ifttt.key", ChannelStandIn.IFTTT_KEY,
                        "ifttt.base-url", standIn.allChannels().get("ifttt.base-url")), log)) {
            assertEquals(200, relay.post(Events.event("WorkbookRefreshFailed", "EXTRACTS", "Json Logged")));
            List<JsonNode> lines = await("the delivery line", Duration.ofSeconds(30), () -> jsonLines(log),
                    json -> json.stream().anyMatch(line -> line.path("message").asText().startsWith("ifttt: delivered")));

            String received = message(lines, "Received WorkbookRefreshFailed: Json Logged");
            String delivered = message(lines, "ifttt: delivered WorkbookRefreshFailed");
            Matcher id = EVENT_ID.matcher(received);
            assertTrue(id.find(), received);
            assertTrue(delivered.contains("[event " + id.group(1) + "]"), delivered);
            JsonNode line = lines.get(0);
            for (String field : new String[] {"timestamp", "level", "logger", "thread", "message"}) {
                assertTrue(line.has(field), field + " in " + line);
            }
            assertFalse(String.join("\n", Files.readAllLines(log)).contains(ChannelStandIn.IFTTT_KEY));
        }
    }

    @Test
    void theJsonLayoutMasksTokensInMessagesAndErrors() {
        JsonTemplateLayout layout = JsonTemplateLayout.newBuilder()
                .setConfiguration(new DefaultConfiguration())
                .setEventTemplateUri("classpath:relay-log-template.json")
                .build();
        String line = layout.toSerializable(Log4jLogEvent.newBuilder()
                .setLoggerName("test").setLevel(Level.WARN)
                .setMessage(new SimpleMessage("posting to https://relay.example.com/webhooks/tableau?token=s3cret-value-1"))
                .setThrown(new IllegalStateException("failed: https://x.example.com/?token=s3cret-value-2"))
                .build());
        JsonNode json = Received.json(line);
        assertEquals("WARN", json.path("level").asText());
        assertEquals("posting to https://relay.example.com/webhooks/tableau?token=****", json.path("message").asText());
        assertTrue(json.path("error").asText().contains("?token=****"), line);
        assertFalse(line.contains("s3cret-value"), line);
    }

    private static String message(List<JsonNode> lines, String start) {
        return lines.stream().map(line -> line.path("message").asText()).filter(text -> text.startsWith(start))
                .findFirst().orElseThrow(() -> new AssertionError("no line starting " + start + " in " + lines));
    }

    /** Every line of the log, read as JSON: a line that is not JSON fails the test. */
    private static List<JsonNode> jsonLines(Path log) {
        try {
            return Files.readAllLines(log).stream().filter(text -> !text.isBlank()).map(Received::json).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
