package io.tableaurelay.event;

import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a request may contain. The body size is limited by the HTTP server (webhook.max-body-bytes); here:
 * one JSON value with a limited nesting depth, the length of ids and event names, and the characters of an
 * event name (it becomes part of the IFTTT URL). An over-long item name is shortened, never refused.
 */
final class InputLimits {

    /** Tableau's payload is flat; its fields hold strings. */
    static final int MAX_NESTING_DEPTH = 16;
    /** LUIDs have 36 characters, event names fewer than 40, timestamps about 30. */
    static final int MAX_ID_LENGTH = 128;
    /** Tableau allows 255 characters in a name; longer ones are cut and end in "...". */
    static final int MAX_NAME_LENGTH = 255;

    private static final Set<String> NAME_FIELDS = Set.of("resource_name", "resource-name");
    private static final Set<String> EVENT_TYPE_FIELDS = Set.of("event_type", "event-type");
    private static final Pattern EVENT_NAME = Pattern.compile("[A-Za-z0-9_.-]*");

    private InputLimits() {
    }

    static ObjectMapper json() {
        return new ObjectMapper(JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                .build())
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** A field's text without control characters, shortened if it is a name, refused if it is an over-long id. */
    static String field(String field, String value) {
        String text = Text.withoutControlCharacters(value);
        if (NAME_FIELDS.contains(field)) {
            return Text.shortened(text, MAX_NAME_LENGTH);
        }
        if (text.length() > MAX_ID_LENGTH) {
            throw new InvalidEventException(field + " is too long");
        }
        if (EVENT_TYPE_FIELDS.contains(field) && !EVENT_NAME.matcher(text).matches()) {
            throw new InvalidEventException(field + " is not an event name");
        }
        return text;
    }
}
