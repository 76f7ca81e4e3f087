package io.tableaurelay.channel;

import java.util.List;
import java.util.regex.Pattern;

import io.tableaurelay.config.Settings;

/**
 * A channel's choice of events: a comma-separated list of event names or patterns where {@code *} stands
 * for any text ({@code *RefreshFailed}, {@code Workbook*}, {@code *}).
 */
public final class EventFilter {

    private final String description;
    private final List<Pattern> patterns;

    public EventFilter(String commaSeparatedPatterns) {
        List<String> items = Settings.split(commaSeparatedPatterns);
        this.description = String.join(",", items);
        this.patterns = items.stream().map(EventFilter::toRegex).toList();
    }

    public boolean matches(String eventType) {
        return eventType != null && patterns.stream().anyMatch(pattern -> pattern.matcher(eventType).matches());
    }

    private static Pattern toRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (String literal : glob.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(literal));
        }
        return Pattern.compile(regex.toString());
    }

    @Override
    public String toString() {
        return description.isEmpty() ? "(none)" : description;
    }
}
