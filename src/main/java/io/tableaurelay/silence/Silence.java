package io.tableaurelay.silence;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One silence: from {@code startsAt} until {@code endsAt}, the events its matchers match are received, stored and
 * recorded, but not sent. Ending a silence early sets its end to now; it stays listed, as expired, for a while.
 */
public record Silence(String id, SilenceMatchers matchers, Instant startsAt, Instant endsAt, String comment,
        Instant createdAt) {

    public static final String PENDING = "pending";
    public static final String ACTIVE = "active";
    public static final String EXPIRED = "expired";

    boolean isActive(Instant now) {
        return !now.isBefore(startsAt) && now.isBefore(endsAt);
    }

    String state(Instant now) {
        return now.isBefore(startsAt) ? PENDING : isActive(now) ? ACTIVE : EXPIRED;
    }

    Silence endingAt(Instant end) {
        return new Silence(id, matchers, startsAt, end, comment, createdAt);
    }

    Silence withComment(String text) {
        return new Silence(id, matchers, startsAt, endsAt, text, createdAt);
    }

    /** What the store keeps and the admin API shows (the API adds the state and the count). */
    Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", id);
        map.putAll(matchers.asMap());
        map.put("startsAt", startsAt.toString());
        map.put("endsAt", endsAt.toString());
        map.put("comment", comment);
        map.put("createdAt", createdAt.toString());
        return map;
    }
}
