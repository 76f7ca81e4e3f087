package io.tableaurelay.registration;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The changes that bring a site's webhooks to what the relay wants, worked out without calling Tableau.
 * Only webhooks named {@code {prefix}-…} are the relay's; all others are left alone. Of two webhooks with
 * the same name (two relay instances created one each), the oldest is kept and the other deleted.
 */
record WebhookPlan(List<Change> changes, int unchanged) {

    enum Kind { CREATE, UPDATE, RE_ENABLE, DELETE_STALE, DELETE_DUPLICATE }

    /** One change: the name and event it concerns, and the existing webhook (null for CREATE). */
    record Change(Kind kind, String name, String event, Webhook existing) {
    }

    static String name(String prefix, String event) {
        return prefix + "-" + event;
    }

    static WebhookPlan of(List<Webhook> existing, Collection<String> wantedEvents, String prefix,
            String destination, boolean prune) {
        List<Change> changes = new ArrayList<>();
        Map<String, Webhook> ours = new LinkedHashMap<>();
        existing.stream()
                .filter(webhook -> webhook.name().startsWith(prefix + "-"))
                .sorted(Webhook.OLDEST_FIRST)
                .forEach(webhook -> {
                    if (ours.putIfAbsent(webhook.name(), webhook) != null) {
                        changes.add(new Change(Kind.DELETE_DUPLICATE, webhook.name(), webhook.event(), webhook));
                    }
                });

        int unchanged = 0;
        for (String event : wantedEvents) {
            String name = name(prefix, event);
            Webhook webhook = ours.remove(name);
            if (webhook == null) {
                changes.add(new Change(Kind.CREATE, name, event, null));
            } else if (!webhook.enabled()) {
                changes.add(new Change(Kind.RE_ENABLE, name, event, webhook));
            } else if (!webhook.url().equals(destination) || !webhook.event().equals(event)) {
                changes.add(new Change(Kind.UPDATE, name, event, webhook));
            } else {
                unchanged++;
            }
        }
        for (Webhook stale : ours.values()) {
            if (prune) {
                changes.add(new Change(Kind.DELETE_STALE, stale.name(), stale.event(), stale));
            } else {
                unchanged++;
            }
        }
        return new WebhookPlan(List.copyOf(changes), unchanged);
    }

    boolean creates() {
        return changes.stream().anyMatch(change -> change.kind() == Kind.CREATE);
    }
}
