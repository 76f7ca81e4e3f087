package io.tableaurelay.render;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.tableaurelay.event.EventType;
import io.tableaurelay.event.TableauEvent;
import org.apache.camel.Headers;

/**
 * The values a message template can use ({@code $body.name}, {@code $body.headline}, ...), already escaped
 * for the kind of message the template is written for, so that no item name can inject markup or mentions. The
 * channel template calls the method named by a channel's {@code kind}.
 */
public class MessageFields {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final String UNNAMED = "(unnamed)";
    /** ASCII punctuation that Teams' markdown (a CommonMark subset, with {{DATE()}} functions) may read as markup. */
    private static final Pattern TEAMS_MARKUP = Pattern.compile("([\\\\`*_{}\\[\\]()<>#+\\-.!|~])");

    /**
     * For a Slack Block Kit JSON template: mrkdwn-escaped, then JSON-string-escaped. The link also loses any
     * {@code |}, which would end the address in Slack's {@code <address|text>}.
     */
    public Map<String, String> slack(TableauEvent event, @Headers Map<String, Object> headers) {
        return fields(event, headers, link -> json(mrkdwn(link.replace("|", "%7C"))), text -> json(mrkdwn(text)));
    }

    /**
     * For a Teams Adaptive Card JSON template: markdown punctuation escaped, then JSON-string-escaped. The link
     * loses any {@code )}, which would end the address in markdown's {@code [text](address)}.
     */
    public Map<String, String> teams(TableauEvent event, @Headers Map<String, Object> headers) {
        return fields(event, headers, link -> json(link.replace(")", "%29")), text -> json(teamsMarkdown(text)));
    }

    /** For a JSON template (IFTTT, forward): JSON-string-escaped. */
    public Map<String, String> json(TableauEvent event, @Headers Map<String, Object> headers) {
        return fields(event, headers, MessageFields::json, MessageFields::json);
    }

    /** For an HTML template (the e-mail's body): HTML-escaped. */
    public Map<String, String> email(TableauEvent event, @Headers Map<String, Object> headers) {
        return fields(event, headers, MessageFields::html, MessageFields::html);
    }

    /** For a plain-text template (the e-mail's subject and text), as they are. */
    public Map<String, String> text(TableauEvent event, @Headers Map<String, Object> headers) {
        return fields(event, headers, UnaryOperator.identity(), UnaryOperator.identity());
    }

    /** For an SMS: plain text. */
    public Map<String, String> sms(TableauEvent event, @Headers Map<String, Object> headers) {
        return text(event, headers);
    }

    private static Map<String, String> fields(TableauEvent event, Map<String, Object> headers,
            UnaryOperator<String> escapeLink, UnaryOperator<String> escape) {
        String type = event.eventType();
        Map<String, String> fields = new LinkedHashMap<>();
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
        fields.put("link", escapeLink.apply(header(headers, "itemUrl")));
        return fields;
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
