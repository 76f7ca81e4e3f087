package io.tableaurelay.registration;

import java.util.Comparator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A webhook as Tableau lists it: what the relay compares with what it wants. */
public record Webhook(String id, String name, String event, String url, boolean enabled,
        String statusChangeReason, String createdAt) {

    /** Oldest first (then by id), so that every relay instance keeps the same one of two duplicates. */
    static final Comparator<Webhook> OLDEST_FIRST =
            Comparator.comparing(Webhook::createdAt).thenComparing(Webhook::id);

    static Webhook fromJson(JsonNode webhook) {
        return new Webhook(
                webhook.path("id").asText(""),
                webhook.path("name").asText(""),
                webhook.path("event").asText(""),
                webhook.path("webhook-destination").path("webhook-destination-http").path("url").asText(""),
                webhook.path("isEnabled").asBoolean(true),
                webhook.path("statusChangeReason").asText(""),
                webhook.path("createdAt").asText(""));
    }

    /**
     * The body of a create or update call. An update also sends {@code isEnabled: true}, which re-enables a
     * webhook that Tableau disabled; it never sends a statusChangeReason (Tableau rejects one with 400127).
     */
    static ObjectNode requestBody(String name, String event, String url, boolean update) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ObjectNode webhook = body.putObject("webhook");
        webhook.put("name", name);
        webhook.put("event", event);
        if (update) {
            webhook.put("isEnabled", true);
        }
        webhook.putObject("webhook-destination").putObject("webhook-destination-http")
                .put("method", "POST")
                .put("url", url);
        return body;
    }
}
