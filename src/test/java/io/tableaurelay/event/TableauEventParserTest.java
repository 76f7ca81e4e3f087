package io.tableaurelay.event;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Request bodies to events: the samples Tableau and its users published (src/test/resources/real-tableau, see the
 * README there), in both field namings, and what the relay refuses, with the reason it gives.
 */
class TableauEventParserTest {

    private static final Instant NOW = Instant.parse("2026-03-02T14:10:00Z");
    private final TableauEventParser parser = new TableauEventParser(Clock.fixed(NOW, ZoneOffset.UTC));

    static Stream<Path> validSamples() throws IOException {
        return samples().filter(file -> file.getFileName().toString().endsWith(".json"));
    }

    static Stream<Path> invalidSamples() throws IOException {
        return samples().filter(file -> !file.getFileName().toString().endsWith(".json"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validSamples")
    void everyPublishedSampleIsAnEventWithItsIdsAndTheNameOfItsFile(Path file) throws IOException {
        byte[] body = Files.readAllBytes(file);

        TableauEvent event = parser.parse(WebhookRequest.utf8(body));

        assertTrue(file.getFileName().toString().contains("__" + event.eventType()), event.eventType());
        assertTrue(event.isKnown(), event.eventType());
        assertTrue(!event.resourceName().isBlank() && !event.siteLuid().isBlank() && !event.resourceLuid().isBlank(),
                event.toString());
        assertEquals(sha256(body), event.id(), "the id is the body's digest");
        assertEquals(NOW.toString(), event.receivedAt());
    }

    @Test
    void theEarlyHyphenatedNamesReadAsTheCurrentOnes() throws IOException {
        TableauEvent event = parser.parse(WebhookRequest.utf8(Files.readAllBytes(
                sample("webhooks-docs@cd6cc46__preview-2018__DatasourceCreated__hyphenated.json"))));

        assertEquals(new TableauEvent(event.id(), "DatasourceCreated", "DATASOURCE", "My Datasource",
                "8b2a95d8-52b9-40a4-8712-cd6da771bd1b", "99", null, NOW.toString()), event);
    }

    @Test
    void fieldsTableauAddedAreIgnored() throws IOException {
        TableauEvent event = parser.parse(WebhookRequest.utf8(Files.readAllBytes(
                sample("issue-tableau-webhooks-docs-11__2019.4-GA__WorkbookRefreshStarted__as-reported.json"))));

        assertEquals(new TableauEvent(event.id(), "WorkbookRefreshStarted", "EXTRACTS", "Workbook", "abc", "abc",
                "2019-11-14T14:31:21Z", NOW.toString()), event);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSamples")
    void everyInvalidSampleIsRefusedWithWhereAndWhy(Path file) throws IOException {
        String reason = file.getFileName().toString().endsWith(".verbatim.txt")
                ? "unexpected character U+202F at line 1, column 2 (NARROW NO-BREAK SPACE)"
                : "unexpected character U+0022 at line 13, column 3 (QUOTATION MARK)";

        String body = WebhookRequest.utf8(Files.readAllBytes(file));

        InvalidEventException refused = assertThrows(InvalidEventException.class, () -> parser.parse(body));

        assertEquals(400, refused.getStatus());
        assertEquals("body is not valid JSON: " + reason, refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  \n"})
    void anEmptyBodyIsTableausTestWebhook(String body) {
        TableauEvent event = parser.parse(body);
        assertTrue(event.isTest());
        assertNull(event.id());
        assertEquals(NOW.toString(), event.receivedAt());
    }

    @Test
    void aCopyOfABodyHasItsIdAnotherBodyAnother() {
        String body = "{\"event_type\": \"ViewDeleted\", \"resource_name\": \"Sales\"}";
        assertEquals(parser.parse(body).id(), parser.parse(body).id());
        assertNotEquals(parser.parse(body).id(), parser.parse(body.replace("Sales", "Sales 2")).id());
    }

    @Test
    void namesLoseControlCharactersAndALongOneIsShortened() {
        assertEquals("Sales Q4", parser.parse("{\"event_type\": \"ViewDeleted\", \"resource_name\": "
                + "\" Sales\\n Q4\\u2028\"}").resourceName());
        String longName = parser.parse("{\"event_type\": \"ViewDeleted\", \"resource_name\": \""
                + "n".repeat(300) + "\"}").resourceName();
        assertEquals("n".repeat(252) + "...", longName);
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("[]", "body is not a JSON object"),
                Arguments.of("{}", "event has no event_type"),
                Arguments.of("{\"event_type\": \" \"}", "event has no event_type"),
                Arguments.of("{\"event_type\": 5}", "event_type must be a string"),
                Arguments.of("{\"event_type\": \"View Deleted!\"}", "event_type is not an event name"),
                Arguments.of("{\"event_type\": \"ViewDeleted\", \"resource_luid\": \"" + "9".repeat(129) + "\"}",
                        "resource_luid is too long"),
                Arguments.of("{\"event_type\": \"ViewDeleted\"} {}",
                        "body is not valid JSON: a second value starts at line 1, column 31"),
                Arguments.of("[".repeat(17) + "]".repeat(17),
                        "body is not valid JSON: nested more than 16 levels deep"),
                Arguments.of("{\"event_type\": ViewDeleted}",
                        "body is not valid JSON: unexpected character U+0056 at line 1, column 16 "
                                + "(LATIN CAPITAL LETTER V)"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource
    void refusals(String body, String reason) {
        InvalidEventException refused = assertThrows(InvalidEventException.class, () -> parser.parse(body));
        assertEquals(reason, refused.getMessage());
        assertEquals(400, refused.getStatus());
    }

    private static Stream<Path> samples() throws IOException {
        try (Stream<Path> files = Files.list(sample(""))) {
            return files.sorted().toList().stream();
        }
    }

    private static Path sample(String name) throws IOException {
        try {
            return Path.of(TableauEventParserTest.class.getResource("/real-tableau/payloads/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
