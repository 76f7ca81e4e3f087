package io.tableaurelay.render;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.tableaurelay.event.EventType;
import io.tableaurelay.event.TableauEvent;
import org.apache.camel.Header;

/**
 * The values a message template can use ({@code $body.name}, {@code $body.headline}, ...), already escaped
 * for the channel the template is written for, so that no item name can inject markup or mentions.
 */
public class MessageFields {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final String UNNAMED = "(unnamed)";
    /** The header dispatch puts the item's page in Tableau into; empty or absent when there is none. */
    private static final String ITEM_URL = "itemUrl";

    /**
     * For a Slack Block Kit JSON template: mrkdwn-escaped, then JSON-string-escaped. The link also loses any
     * {@code |}, which would end the address in Slack's {@code <address|text>}.
     */
    public Map<String, String> forSlack(TableauEvent event, @Header(ITEM_URL) String itemUrl) {
        return fields(event, orElse(itemUrl, "").replace("|", "%7C"), text -> json(mrkdwn(text)));
    }

    /** For a plain-text SMS template. */
    public Map<String, String> forSms(TableauEvent event, @Header(ITEM_URL) String itemUrl) {
        return fields(event, itemUrl, UnaryOperator.identity());
    }

    /** For a JSON template (IFTTT): JSON-string-escaped. */
    public Map<String, String> forJson(TableauEvent event, @Header(ITEM_URL) String itemUrl) {
        return fields(event, itemUrl, MessageFields::json);
    }

    private static Map<String, String> fields(TableauEvent event, String link, UnaryOperator<String> escape) {
        String type = event.eventType();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("eventType", escape.apply(type));
        fields.put("headline", escape.apply(EventType.words(type)));
        fields.put("outcome", EventType.outcome(type));
        fields.put("kind", escape.apply(EventType.kind(type, event.resource())));
        fields.put("name", escape.apply(orElse(event.resourceName(), UNNAMED)));
        fields.put("siteLuid", escape.apply(orElse(event.siteLuid(), "")));
        fields.put("resourceLuid", escape.apply(orElse(event.resourceLuid(), "")));
        fields.put("when", escape.apply(when(event)));
        fields.put("link", escape.apply(orElse(link, "")));
        return fields;
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

    static String json(String text) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(text));
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }
}
