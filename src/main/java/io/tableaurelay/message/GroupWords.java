package io.tableaurelay.message;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.tableaurelay.event.EventType;

/** The words for many events at once: "12 data source refreshes failed", "5 failures", "in the last 2 minutes". */
final class GroupWords {

    private static final Map<String, String> OUTCOMES = Map.of(
            "failure", "failures", "success", "successes", "creation", "creations", "deletion", "deletions",
            "update", "updates", "start", "starts");

    private GroupWords() {
    }

    /** "12 data source refreshes failed" for one event type; else "12 failures", or "12 events" when mixed. */
    static String headline(List<String> eventTypes, int count) {
        if (eventTypes.stream().distinct().count() == 1) {
            return count + " " + plural(EventType.words(eventTypes.get(0)));
        }
        List<String> outcomes = eventTypes.stream().map(EventType::outcome).distinct().toList();
        return count + " " + (outcomes.size() == 1 ? OUTCOMES.getOrDefault(outcomes.get(0), "events") : "events");
    }

    /** "Data source refresh failed" becomes "data source refreshes failed": the noun before the verb. */
    static String plural(String words) {
        String[] parts = words.toLowerCase(java.util.Locale.ROOT).split(" ");
        int verb = 1;
        while (verb < parts.length - 1 && !parts[verb].endsWith("ed")) {
            verb++;
        }
        parts[verb - 1] = pluralOf(parts[verb - 1]);
        return String.join(" ", parts);
    }

    private static String pluralOf(String noun) {
        if (noun.matches(".*(s|sh|ch|x|z)")) {
            return noun + "es";
        }
        if (noun.matches(".*[^aeiou]y")) {
            return noun.substring(0, noun.length() - 1) + "ies";
        }
        return noun + "s";
    }

    /** "45 seconds", "1 minute", "2 minutes", "3 hours". */
    static String span(Duration span) {
        long seconds = Math.max(1, span.toSeconds());
        if (seconds < 60) {
            return quantity(seconds, "second");
        }
        if (seconds < 2 * 3600) {
            return quantity(Math.round(seconds / 60.0), "minute");
        }
        return quantity(Math.round(seconds / 3600.0), "hour");
    }

    static String quantity(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }

    /** 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st. */
    static String ordinal(int number) {
        int lastTwo = number % 100;
        String suffix = lastTwo >= 11 && lastTwo <= 13 ? "th" : switch (number % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return number + suffix;
    }
}
