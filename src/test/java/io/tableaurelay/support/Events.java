package io.tableaurelay.support;

/** Tableau event payloads as Tableau posts them. */
public final class Events {

    public static final String SITE = "8b2a95d8-52b9-40a4-8712-cd6da771bd1b";
    public static final String CREATED_AT = "2026-11-29T17:14:45Z";

    private Events() {
    }

    public static final String LUID = "4a1f3a9e-6c1d-4a10-9d5c-5f7a0f2d9b11";

    /** The current payload format (REST API 3.9+ webhooks). */
    public static String event(String eventType, String resource, String name) {
        return eventAbout(eventType, resource, name, LUID);
    }

    /** The current payload format, about the item with this LUID. */
    public static String eventAbout(String eventType, String resource, String name, String luid) {
        return eventAt(eventType, resource, name, luid, CREATED_AT);
    }

    /** The current payload format, about the item with this LUID, created by Tableau at {@code createdAt}. */
    public static String eventAt(String eventType, String resource, String name, String luid, String createdAt) {
        return """
                {"resource": "%s", "event_type": "%s", "resource_name": "%s", "site_luid": "%s",
                 "resource_luid": "%s", "created_at": "%s"}"""
                .formatted(resource, eventType, name, SITE, luid, createdAt);
    }

    /** The early, hyphenated payload format, with a field Tableau never documented. */
    public static String hyphenatedEvent(String eventType, String resource, String name) {
        return """
                {"resource": "%s", "event-type": "%s", "resource-name": "%s", "site-id": "%s",
                 "resource-id": "4a1f3a9e", "unexpected": {"nested": true}}"""
                .formatted(resource, eventType, name, SITE);
    }
}
