package io.tableaurelay.channel;

import java.util.List;
import java.util.regex.Pattern;

import io.tableaurelay.settings.Settings;

/**
 * A comma-separated list of names or patterns where {@code *} stands for any text ({@code *RefreshFailed},
 * {@code Workbook*}, {@code Finance*}, {@code *}): a channel's choice of events, projects or items.
 */
public final class Patterns {

    private final String description;
    private final List<Pattern> patterns;

    public Patterns(String commaSeparatedPatterns) {
        List<String> items = Settings.split(commaSeparatedPatterns);
        this.description = String.join(",", items);
        this.patterns = items.stream().map(Patterns::toRegex).toList();
    }

    public boolean isEmpty() {
        return patterns.isEmpty();
    }

    public boolean matches(String text) {
        return text != null && patterns.stream().anyMatch(pattern -> pattern.matcher(text).matches());
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
