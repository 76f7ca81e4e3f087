package io.tableaurelay.action;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What one link lets its holder do: the action, the item (its site, REST collection, LUID and name, for the page), the
 * channel whose message carried it (for "muted by a link from slack"), and until when. All of it is signed.
 */
record ActionLink(Action action, String channel, String site, String collection, String item, String name,
        Instant expires) {

    JsonNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("a", action.id());
        json.put("c", channel);
        json.put("s", site);
        json.put("k", collection);
        json.put("i", item);
        json.put("n", name);
        json.put("e", expires.getEpochSecond());
        return json;
    }

    /** The link's fields, or null when one is missing or not what the relay writes. */
    static ActionLink fromJson(JsonNode json) {
        Action action = Action.of(json.path("a").asText("")).orElse(null);
        String collection = json.path("k").asText("");
        if (action == null || !json.path("e").canConvertToLong()
                || !(collection.equals("workbooks") || collection.equals("datasources"))) {
            return null;
        }
        return new ActionLink(action, json.path("c").asText(""), json.path("s").asText(""), collection,
                json.path("i").asText(""), json.path("n").asText(""), Instant.ofEpochSecond(json.path("e").asLong()));
    }

    /** The item, in words: "Superstore (workbook)". */
    String itemInWords() {
        return name + " (" + (collection.equals("workbooks") ? "workbook" : "data source") + ")";
    }

    /** The key of the item's mute: its site and LUID. */
    String itemKey() {
        return site + "/" + item;
    }
}
