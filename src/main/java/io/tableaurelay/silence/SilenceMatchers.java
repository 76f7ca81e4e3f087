package io.tableaurelay.silence;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tableaurelay.channel.EventFacts;
import io.tableaurelay.channel.Patterns;

/**
 * What a silence holds back: events whose type matches one of {@code eventTypes}, from one of {@code sites} (LUID or
 * content URL), about an item in a project matching {@code projects} and named like {@code items}, on one of
 * {@code channels}. An empty list matches anything; patterns take {@code *} for any text, as channel filters do.
 */
public record SilenceMatchers(List<String> eventTypes, List<String> sites, List<String> projects, List<String> items,
        List<String> channels) {

    static final List<String> FIELDS = List.of("eventTypes", "sites", "projects", "items", "channels");

    /** True when no list names anything: such a silence would hold back every event, which a silence may not. */
    boolean matchAll() {
        return eventTypes.isEmpty() && sites.isEmpty() && projects.isEmpty() && items.isEmpty() && channels.isEmpty();
    }

    boolean matches(String channel, EventFacts event) {
        return (channels.isEmpty() || channels.contains(channel))
                && (eventTypes.isEmpty() || patterns(eventTypes).matches(event.eventType()))
                && (sites.isEmpty() || sites.contains(event.siteLuid()) || sites.contains(event.siteContentUrl()))
                && (projects.isEmpty() || patterns(projects).matches(event.project()))
                && (items.isEmpty() || patterns(items).matches(event.itemName()));
    }

    private static Patterns patterns(List<String> names) {
        return new Patterns(String.join(",", names));
    }

    Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("eventTypes", eventTypes);
        map.put("sites", sites);
        map.put("projects", projects);
        map.put("items", items);
        map.put("channels", channels);
        return map;
    }
}
