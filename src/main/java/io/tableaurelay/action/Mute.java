package io.tableaurelay.action;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An item whose failures are not sent: since {@code at}, by whom ("a link from slack"), until {@code until} (a
 * snooze) or, when that is null, until the item recovers (a mute).
 */
public record Mute(String item, String name, String by, Instant at, Instant until) {

    boolean endedBy(Instant now) {
        return until != null && !now.isBefore(until);
    }

    /** "until it recovers", "until 2026-11-29 18:05 UTC". */
    public String untilInWords() {
        return until == null ? "until it recovers" : "until " + Pages.time(until);
    }

    /** For the admin endpoint and the status page as for the queue: item, name, by, at, until ("" for a mute). */
    public JsonNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("item", item);
        json.put("name", name);
        json.put("by", by);
        json.put("at", at.toString());
        json.put("until", until == null ? "" : until.toString());
        return json;
    }

    static Mute fromJson(JsonNode json) {
        String until = json.path("until").asText("");
        return new Mute(json.path("item").asText(), json.path("name").asText(), json.path("by").asText(),
                Instant.parse(json.path("at").asText()), until.isEmpty() ? null : Instant.parse(until));
    }
}
