package io.tableaurelay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.tableaurelay.support.ChannelStandIn;
import io.tableaurelay.support.Metrics;
import io.tableaurelay.support.Received;
import io.tableaurelay.support.RunningRelay;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.tableaurelay.support.ChannelStandIn.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Webhook bodies that Tableau and its users published (src/test/resources/real-tableau/payloads, see the README
 * there), posted byte for byte: every valid one is accepted and delivered, every invalid one refused with a 400
 * that says where and why.
 */
@Tag("relay")
class RealTableauPayloadsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** The documentation's samples as published: no-break spaces between the tokens. */
    private static final String NO_BREAK_SPACE =
            "body is not valid JSON: unexpected character U+202F at line 1, column 2 (NARROW NO-BREAK SPACE)";
    /** The 2019.4 beta's samples: no comma after "resource-id", so "createdAt" comes unexpected. */
    private static final String MISSING_COMMA =
            "body is not valid JSON: unexpected character U+0022 at line 13, column 3 (QUOTATION MARK)";

    @RegisterExtension
    final ChannelStandIn standIn = new ChannelStandIn();

    @Test
    void everyValidSampleIsDeliveredAndEveryInvalidOneRefusedWithItsReason() {
        List<Path> valid = samples().filter(file -> file.toString().endsWith(".json")).toList();
        List<Path> invalid = samples().filter(file -> !file.toString().endsWith(".json")).toList();
        assertEquals(10, valid.size(), "valid samples: " + valid);
        assertEquals(8, invalid.size(), "invalid samples: " + invalid);

        Map<String, String> iftttOnly = standIn.allChannels();
        try (RunningRelay relay = RunningRelay.start(Map.of("ifttt.key", iftttOnly.get("ifttt.key"),
                "ifttt.base-url", iftttOnly.get("ifttt.base-url"), "ifttt.events", "*"))) {
            for (Path file : invalid) {
                HttpResponse<String> response = relay.post(bytes(file));
                String reason = file.toString().endsWith(".verbatim.txt") ? NO_BREAK_SPACE : MISSING_COMMA;
                assertEquals(400, response.statusCode(), file.getFileName() + ": " + response.body());
                assertEquals("{\"error\": \"" + reason + "\"}", response.body(), file.getFileName().toString());
            }
            List<String> expected = new ArrayList<>();
            for (Path file : valid) {
                byte[] sample = bytes(file);
                HttpResponse<String> response = relay.post(sample);
                assertEquals(200, response.statusCode(), file.getFileName() + ": " + response.body());
                expected.add(eventAndName(Received.json(new String(sample, StandardCharsets.UTF_8))));
            }

            List<LoggedRequest> triggers = await("every valid sample at IFTTT", WAIT, standIn::ifttt,
                    list -> list.size() >= valid.size());
            List<String> delivered = triggers.stream().map(Received::json)
                    .map(json -> json.path("value2").asText() + ": " + json.path("value1").asText()).sorted().toList();
            assertEquals(expected.stream().sorted().toList(), delivered);
            Metrics metrics = Metrics.scrape(relay);
            assertEquals(valid.size(), metrics.value("relay_events_received_total"), "events accepted");
            assertEquals(invalid.size(), metrics.value("relay_requests_rejected_total", "reason", "bad_input"));
        }
    }

    /** "DatasourceCreated: My Datasource", from either field naming. */
    private static String eventAndName(JsonNode sample) {
        String event = sample.has("event_type") ? sample.path("event_type").asText() : sample.path("event-type").asText();
        String name = sample.has("resource_name") ? sample.path("resource_name").asText()
                : sample.path("resource-name").asText();
        return event + ": " + name;
    }

    private static Stream<Path> samples() {
        try {
            Path folder = Path.of(RealTableauPayloadsTest.class.getResource("/real-tableau/payloads").toURI());
            return Files.list(folder).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
