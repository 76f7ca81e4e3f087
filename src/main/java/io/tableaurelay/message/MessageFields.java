package io.tableaurelay.message;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tableaurelay.event.EventType;
import io.tableaurelay.event.HeaderNames;
import io.tableaurelay.event.TableauEvent;
import org.apache.camel.Body;
import org.apache.camel.Headers;

/**
 * The values a message template can use ({@code $body.name}, {@code $body.headline}, ...), already escaped
 * for the kind of message the template is written for ({@link Escaping}), so that no item name can inject markup or
 * mentions. Each kind of message makes its values with its own escaping. A message that carries a group of events
 * gets the group's values ({@code $body.count}, {@code $body.items}, ...), each event's values in its items.
 */
public class MessageFields {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final String UNNAMED = "(unnamed)";
    /** How many of a group's items a message names before "and 9 more". */
    private static final int SHOWN = 3;
    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final TypeReference<Map<String, Object>> HEADERS = new TypeReference<>() {
    };

    private final Escaping escaping;
    private final Clock clock;

    public MessageFields(Escaping escaping) {
        this(escaping, Clock.systemUTC());
    }

    MessageFields(Escaping escaping, Clock clock) {
        this.escaping = escaping;
        this.clock = clock;
    }

    /** The values of the message's event, or of its group of events, escaped for this kind of message. */
    public Map<String, Object> of(@Body String body, @Headers Map<String, Object> headers) {
        return fields(body, headers, escaping);
    }

    private Map<String, Object> fields(String body, Map<String, Object> headers, Escaping escaping) {
        JsonNode json = read(body);
        if (!json.has("events")) {
            return event(JSON.convertValue(json, TableauEvent.class), headers, escaping);
        }
        List<Map<String, Object>> items = new ArrayList<>();
        List<String> types = new ArrayList<>();
        for (JsonNode member : json.path("events")) {
            TableauEvent event = JSON.convertValue(member.path("event"), TableauEvent.class);
            types.add(event.eventType());
            items.add(event(event, JSON.convertValue(member.path("headers"), HEADERS), escaping));
        }
        Map<String, Object> group = group(items, types, Boolean.parseBoolean(String.valueOf(headers.get(HeaderNames.FOLDED))),
                escaping);
        String window = header(headers, HeaderNames.MAINTENANCE_WINDOW);
        group.put("maintenance", window.isEmpty() ? "" : MaintenanceSummary.of(window, items, types, escaping.text()));
        return group;
    }

    private Map<String, Object> event(TableauEvent event, Map<String, Object> headers, Escaping escaping) {
        UnaryOperator<String> escape = escaping.text();
        String type = event.eventType();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("eventId", escape.apply(orElse(event.id(), "")));
        fields.put("eventType", escape.apply(type));
        fields.put("headline", escape.apply(EventType.words(type)));
        fields.put("outcome", EventType.outcome(type));
        fields.put("kind", escape.apply(EventType.kind(type, event.resource())));
        fields.put("name", escape.apply(orElse(event.resourceName(), UNNAMED)));
        fields.put("siteLuid", escape.apply(orElse(event.siteLuid(), "")));
        fields.put("resourceLuid", escape.apply(orElse(event.resourceLuid(), "")));
        fields.put("project", escape.apply(header(headers, "itemProject")));
        fields.put("owner", escape.apply(header(headers, "itemOwner")));
        fields.put("when", escape.apply(when(event)));
        fields.put("createdAt", escape.apply(orElse(event.createdAt(), event.receivedAt())));
        fields.put("note", escape.apply(note(headers)));
        fields.put("link", escaping.link().apply(header(headers, "itemUrl")));
        fields.put("reason", escape.apply(header(headers, HeaderNames.FAILURE_REASON)));
        fields.put("jobLink", escaping.link().apply(header(headers, HeaderNames.JOB_LINK)));
        fields.put("refreshLink", escaping.link().apply(header(headers, HeaderNames.REFRESH_LINK)));
        fields.put("muteLink", escaping.link().apply(header(headers, HeaderNames.MUTE_LINK)));
        fields.put("snoozeLink", escaping.link().apply(header(headers, HeaderNames.SNOOZE_LINK)));
        fields.put("snoozeFor", escape.apply(header(headers, HeaderNames.SNOOZE_FOR)));
        fields.put("buttons", Boolean.parseBoolean(header(headers, HeaderNames.ACTION_BUTTONS)));
        fields.put("receivedAt", orElse(event.receivedAt(), ""));
        return fields;
    }

    /** "still failing, 3rd time since 06:00 UTC" for a repeat; "recovered after 3 failures" for a recovery. */
    private static String note(Map<String, Object> headers) {
        if (Boolean.parseBoolean(header(headers, HeaderNames.REPEAT))) {
            String since = header(headers, HeaderNames.FAILING_SINCE);
            int failures = Integer.parseInt(orElse(header(headers, HeaderNames.FAILURE_COUNT), "2"));
            return "still failing, " + GroupWords.ordinal(failures) + " time"
                    + (since.isEmpty() ? "" : " since " + TIME.format(Instant.parse(since)));
        }
        int recoveredAfter = Integer.parseInt(orElse(header(headers, HeaderNames.RECOVERED_AFTER), "0"));
        String mutedBy = header(headers, HeaderNames.MUTED_BY);
        return recoveredAfter > 0 ? "recovered after " + GroupWords.quantity(recoveredAfter, "failure")
                + (mutedBy.isEmpty() ? "" : ", muted by " + mutedBy) : "";
    }

    /**
     * A group's values: {@code count}, {@code headline} ("12 data source refreshes failed"), {@code window} ("2
     * minutes": since the first event), {@code since} ("14:05 UTC"), {@code items} (each event's values), {@code
     * shown} (the first three), {@code more} (how many the message does not name), {@code names} (the shown names),
     * {@code outcome}, {@code eventType} and {@code project} when all events share them, {@code folded} (past a cap);
     * and {@code maintenance}, what a maintenance window held in one line ({@link MaintenanceSummary}), or "".
     */
    private Map<String, Object> group(List<Map<String, Object>> items, List<String> types, boolean folded,
            Escaping escaping) {
        Instant first = items.stream().map(item -> (String) item.get("receivedAt")).filter(at -> !at.isEmpty())
                .map(Instant::parse).min(Instant::compareTo).orElse(clock.instant());
        List<Map<String, Object>> shown = items.subList(0, Math.min(SHOWN, items.size()));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("count", items.size());
        fields.put("headline", escaping.text().apply(GroupWords.headline(types, items.size())));
        fields.put("window", GroupWords.span(Duration.between(first, clock.instant())));
        fields.put("since", TIME.format(first));
        fields.put("items", items);
        fields.put("shown", shown);
        fields.put("more", items.size() - shown.size());
        fields.put("names", String.join(", ", shown.stream().map(item -> (String) item.get("name")).toList()));
        fields.put("outcome", common(items, "outcome", "other"));
        fields.put("eventType", common(items, "eventType", ""));
        fields.put("project", common(items, "project", ""));
        fields.put("folded", folded);
        return fields;
    }

    private static Object common(List<Map<String, Object>> items, String field, String otherwise) {
        List<Object> values = items.stream().map(item -> item.get(field)).distinct().toList();
        return values.size() == 1 ? values.get(0) : otherwise;
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a message on a channel's queue is not JSON", e);
        }
    }

    private static String header(Map<String, Object> headers, String name) {
        Object value = headers == null ? null : headers.get(name);
        return value == null ? "" : value.toString();
    }

    private static String when(TableauEvent event) {
        String timestamp = orElse(event.createdAt(), event.receivedAt());
        try {
            return WHEN.format(Instant.parse(timestamp));
        } catch (DateTimeParseException | NullPointerException e) {
            return orElse(timestamp, "");
        }
    }





    private static String orElse(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }
}
