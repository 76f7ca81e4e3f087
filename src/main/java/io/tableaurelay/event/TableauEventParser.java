package io.tableaurelay.event;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Body;

/**
 * Turns a request body into a {@link TableauEvent}, accepting both the current field names and the early
 * hyphenated ones. An empty body is Tableau's "Test webhook".
 */
public class TableauEventParser {

    private static final ObjectMapper JSON = InputLimits.json();

    private final Clock clock;

    public TableauEventParser() {
        this(Clock.systemUTC());
    }

    TableauEventParser(Clock clock) {
        this.clock = clock;
    }

    public TableauEvent parse(@Body String body) {
        String receivedAt = Instant.now(clock).toString();
        if (body == null || body.isBlank()) {
            return new TableauEvent(null, TableauEvent.TEST_EVENT_TYPE, null, null, null, null, null, receivedAt);
        }
        JsonNode json = readJson(body);
        if (!json.isObject()) {
            throw new InvalidEventException("body is not a JSON object");
        }
        String eventType = text(json, "event_type", "event-type");
        if (eventType == null || eventType.isBlank()) {
            throw new InvalidEventException("event has no event_type");
        }
        return new TableauEvent(
                digest(body),
                eventType.trim(),
                text(json, "resource"),
                text(json, "resource_name", "resource-name"),
                text(json, "site_luid", "site-id"),
                text(json, "resource_luid", "resource-id"),
                text(json, "created_at"),
                receivedAt);
    }

    private static String digest(String body) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode readJson(String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("body is not valid JSON: " + JsonSyntaxError.describe(body, e));
        }
    }

    /** The first of the given fields that is present, as text without control characters. */
    private static String text(JsonNode json, String... names) {
        for (String name : names) {
            JsonNode value = json.get(name);
            if (value == null || value.isNull()) {
                continue;
            }
            if (!value.isTextual()) {
                throw new InvalidEventException(name + " must be a string");
            }
            return InputLimits.field(name, value.asText());
        }
        return null;
    }
}
