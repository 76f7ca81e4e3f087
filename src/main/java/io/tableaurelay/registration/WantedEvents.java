package io.tableaurelay.registration;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.tableaurelay.channel.Channel;
import io.tableaurelay.channel.Patterns;
import io.tableaurelay.event.EventType;

/**
 * The events the relay registers webhooks for. tableau.events, when set, names them (a pattern with *
 * stands for the known events it matches); when empty, they are the known events that at least one channel
 * that is on wants.
 */
final class WantedEvents {

    private WantedEvents() {
    }

    static List<String> of(List<String> configured, Collection<Channel> channels) {
        if (configured.isEmpty()) {
            return EventType.KNOWN.stream()
                    .filter(event -> channels.stream().anyMatch(channel -> channel.isOn() && channel.filter().acceptsType(event)))
                    .toList();
        }
        Set<String> events = new LinkedHashSet<>();
        for (String item : configured) {
            if (item.contains("*")) {
                Patterns pattern = new Patterns(item);
                EventType.KNOWN.stream().filter(pattern::matches).forEach(events::add);
            } else {
                events.add(item);
            }
        }
        return new ArrayList<>(events);
    }

    /** The configured names that are not among the known events (Tableau may reject them). */
    static List<String> unknown(List<String> configured) {
        return configured.stream()
                .filter(item -> !item.contains("*") && !EventType.isKnown(item))
                .toList();
    }
}
