package io.tableaurelay.support;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/** Reads what a channel stand-in received. */
public final class Received {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Received() {
    }

    public static JsonNode json(LoggedRequest request) {
        return json(request.getBodyAsString());
    }

    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    /** The fields of an application/x-www-form-urlencoded body, as Twilio and Slack's Web API receive them. */
    public static Map<String, String> form(LoggedRequest request) {
        Map<String, String> fields = new LinkedHashMap<>();
        Arrays.stream(request.getBodyAsString().split("&"))
                .map(pair -> pair.split("=", 2))
                .forEach(pair -> fields.put(decode(pair[0]), pair.length > 1 ? decode(pair[1]) : ""));
        return fields;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    public static String slackText(LoggedRequest request) {
        return json(request).path("text").asText();
    }

    public static String smsBody(LoggedRequest request) {
        return form(request).get("Body");
    }

    public static String iftttName(LoggedRequest request) {
        return json(request).path("value1").asText();
    }

    /**
     * The ids of the events in what a forward receiver got, in order: a group's message lists each of its events, a
     * message of one event is that event.
     */
    public static List<String> forwardedEventIds(List<LoggedRequest> requests) {
        List<String> ids = new java.util.ArrayList<>();
        for (LoggedRequest request : requests) {
            JsonNode message = json(request);
            if (message.has("events")) {
                message.path("events").forEach(event -> ids.add(event.path("id").asText()));
            } else {
                ids.add(message.path("id").asText());
            }
        }
        return ids;
    }

    /** True when any of the requests mentions {@code marker} in its body. */
    public static boolean mentions(List<LoggedRequest> requests, String marker) {
        return requests.stream().anyMatch(request -> request.getBodyAsString().contains(marker));
    }
}
