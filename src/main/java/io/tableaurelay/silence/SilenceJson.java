package io.tableaurelay.silence;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.tableaurelay.settings.Settings;
import org.apache.camel.util.TimeUtils;

/**
 * Silences as the admin API takes them, and as the store keeps them: matchers ({@code eventTypes}, {@code sites},
 * {@code projects}, {@code items}, {@code channels}: a list or a comma-separated text each), {@code startsAt}
 * (ISO-8601, now when left out), {@code endsAt} or {@code for} ({@code 2h}, {@code 30m}), and a {@code comment}.
 */
final class SilenceJson {

    private static final Set<String> TIMES = Set.of("startsAt", "endsAt", "for", "comment");
    private static final int MAX_COMMENT = 1000;

    private SilenceJson() {
    }

    /** A new silence from a POST body; channels must be among {@code channelIds}. */
    static Silence create(JsonNode body, Collection<String> channelIds, Instant now, String id) {
        requireObject(body);
        for (Iterator<String> fields = body.fieldNames(); fields.hasNext();) {
            String field = fields.next();
            if (!TIMES.contains(field) && !SilenceMatchers.FIELDS.contains(field)) {
                throw new InvalidSilenceException("unknown field " + field + "; a silence has "
                        + SilenceMatchers.FIELDS + ", startsAt, endsAt or for, and comment");
            }
        }
        SilenceMatchers matchers = matchers(body);
        if (matchers.matchAll()) {
            throw new InvalidSilenceException("a silence needs at least one of " + SilenceMatchers.FIELDS);
        }
        for (String channel : matchers.channels()) {
            if (!channelIds.contains(channel)) {
                throw new InvalidSilenceException("channels must be among " + channelIds + ", not " + channel);
            }
        }
        Instant start = body.hasNonNull("startsAt") ? instant(body, "startsAt") : now;
        Instant end = end(body, start);
        if (end == null) {
            throw new InvalidSilenceException("a silence needs endsAt or for (2h, 30m)");
        }
        if (!end.isAfter(start) || !end.isAfter(now)) {
            throw new InvalidSilenceException("endsAt must be after startsAt and in the future");
        }
        return new Silence(id, matchers, start, end, comment(body), now);
    }

    /** The silence with the end (endsAt, or for from now) and comment a PATCH body gives; null end: unchanged. */
    static Silence change(JsonNode body, Silence silence, Instant now) {
        requireObject(body);
        Instant end = end(body, silence.startsAt().isAfter(now) ? silence.startsAt() : now);
        Silence changed = silence;
        if (end != null) {
            if (!end.isAfter(silence.startsAt())) {
                throw new InvalidSilenceException("endsAt must be after the silence's start, " + silence.startsAt());
            }
            changed = changed.endingAt(end);
        }
        return body.has("comment") ? changed.withComment(comment(body)) : changed;
    }

    /** A silence as the store keeps it, or null when the stored text is not one. */
    static Silence stored(JsonNode node) {
        try {
            return new Silence(node.path("id").asText(), matchers(node), instant(node, "startsAt"),
                    instant(node, "endsAt"), node.path("comment").asText(""), instant(node, "createdAt"));
        } catch (InvalidSilenceException e) {
            return null;
        }
    }

    private static void requireObject(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidSilenceException("send the silence as a JSON object");
        }
    }

    private static SilenceMatchers matchers(JsonNode body) {
        return new SilenceMatchers(names(body, "eventTypes"), names(body, "sites"), names(body, "projects"),
                names(body, "items"), names(body, "channels"));
    }

    private static List<String> names(JsonNode body, String field) {
        JsonNode value = body.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return List.of();
        }
        if (value.isTextual()) {
            return Settings.split(value.asText());
        }
        if (!value.isArray()) {
            throw new InvalidSilenceException(field + " must be a list of names or a comma-separated text");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode name : value) {
            if (!name.isTextual()) {
                throw new InvalidSilenceException(field + " must be a list of names");
            }
            names.addAll(Settings.split(name.asText()));
        }
        return List.copyOf(names);
    }

    private static Instant end(JsonNode body, Instant from) {
        if (body.hasNonNull("endsAt") && body.hasNonNull("for")) {
            throw new InvalidSilenceException("give endsAt or for, not both");
        }
        if (body.hasNonNull("for")) {
            try {
                Duration length = Duration.ofMillis(TimeUtils.toMilliSeconds(body.path("for").asText()));
                if (length.isZero() || length.isNegative()) {
                    throw new IllegalArgumentException();
                }
                return from.plus(length);
            } catch (RuntimeException e) { // Camel's TimeUtils throws more than IllegalArgumentException
                throw new InvalidSilenceException("for must be a duration such as 2h or 30m");
            }
        }
        return body.hasNonNull("endsAt") ? instant(body, "endsAt") : null;
    }

    private static Instant instant(JsonNode body, String field) {
        try {
            return Instant.parse(body.path(field).asText());
        } catch (DateTimeParseException e) {
            throw new InvalidSilenceException(field + " must be a time such as 2026-12-24T18:00:00Z");
        }
    }

    private static String comment(JsonNode body) {
        String comment = body.path("comment").asText("").strip();
        if (comment.isEmpty()) {
            throw new InvalidSilenceException("a silence needs a comment: why, and who asked");
        }
        if (comment.length() > MAX_COMMENT) {
            throw new InvalidSilenceException("comment is longer than " + MAX_COMMENT + " characters");
        }
        return comment;
    }
}
