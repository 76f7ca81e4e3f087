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
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
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
 * for the kind of message the template is written for, so that no item name can inject markup or mentions. The
 * channel template calls the method named by a channel's {@code kind}. A message that carries a group of events
 * gets the group's values ({@code $body.count}, {@code $body.items}, ...), each event's values in its items.
 */
public class MessageFields {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final String UNNAMED = "(unnamed)";
    /** How many of a group's items a message names before "and 9 more". */
    private static final int SHOWN = 3;
    /** ASCII punctuation that Teams' markdown (a CommonMark subset, with {{DATE()}} functions) may read as markup. */
    private static final Pattern TEAMS_MARKUP = Pattern.compile("([\\\\`*_{}\\[\\]()<>#+\\-.!|~])");
    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final TypeReference<Map<String, Object>> HEADERS = new TypeReference<>() {
    };

    /** How a kind of message escapes values; its link is escaped on its own. */
    private record Escaping(UnaryOperator<String> link, UnaryOperator<String> text) {
    }

    /** Slack's Block Kit JSON: mrkdwn, then JSON. The link also loses any {@code |}, which ends Slack's address. */
    private static final Escaping SLACK = new Escaping(link -> json(mrkdwn(link.replace("|", "%7C"))),
            text -> json(mrkdwn(text)));
    /** A Teams card: markdown, then JSON. The link loses any {@code )}, which ends markdown's address. */
    private static final Escaping TEAMS = new Escaping(link -> json(link.replace(")", "%29")),
            text -> json(teamsMarkdown(text)));
    private static final Escaping JSON_STRING = new Escaping(MessageFields::json, MessageFields::json);
    private static final Escaping HTML = new Escaping(MessageFields::html, MessageFields::html);
    private static final Escaping PLAIN = new Escaping(UnaryOperator.identity(), UnaryOperator.identity());

    private final Clock clock;

    public MessageFields() {
        this(Clock.systemUTC());
    }

    MessageFields(Clock clock) {
        this.clock = clock;
    }

    /** For a Slack Block Kit JSON template. */
    public Map<String, Object> slack(@Body String body, @Headers Map<String, Object> headers) {
        return fields(body, headers, SLACK);
    }

    /** For a Teams Adaptive Card JSON template. */
    public Map<String, Object> teams(@Body String body, @Headers Map<String, Object> headers) {
        return fields(body, headers, TEAMS);
    }

    /** For a JSON template (IFTTT, forward). */
    public Map<String, Object> json(@Body String body, @Headers Map<String, Object> headers) {
        return fields(body, headers, JSON_STRING);
    }

    /** For an HTML template (the e-mail's body). */
    public Map<String, Object> email(@Body String body, @Headers Map<String, Object> headers) {
        return fields(body, headers, HTML);
    }

    /** For a plain-text template (the e-mail's subject and text part, an SMS), values as they are. */
    public Map<String, Object> text(@Body String body, @Headers Map<String, Object> headers) {
        return fields(body, headers, PLAIN);
    }

    /** For an SMS: plain text. */
    public Map<String, Object> sms(@Body String body, @Headers Map<String, Object> headers) {
        return text(body, headers);
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
        return group(items, types, Boolean.parseBoolean(String.valueOf(headers.get(HeaderNames.FOLDED))), escaping);
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
        return recoveredAfter > 0 ? "recovered after " + GroupWords.quantity(recoveredAfter, "failure") : "";
    }

    /**
     * A group's values: {@code count}, {@code headline} ("12 data source refreshes failed"), {@code window} ("2
     * minutes": since the first event), {@code since} ("14:05 UTC"), {@code items} (each event's values), {@code
     * shown} (the first three), {@code more} (how many the message does not name), {@code names} (the shown names),
     * {@code outcome}, {@code eventType} and {@code project} when all events share them, {@code folded} (past a cap).
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

    /** Slack's mrkdwn treats these three as markup; escaped, a name like {@code <!channel>} pings no one. */
    static String mrkdwn(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** A backslash before each punctuation mark Teams could read as markdown, {@code **}, {@code [link](...)}. */
    static String teamsMarkdown(String text) {
        return TEAMS_MARKUP.matcher(text).replaceAll("\\\\$1");
    }

    static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    static String json(String text) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(text));
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }
}
