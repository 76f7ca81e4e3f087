package io.tableaurelay.channel;

import java.util.Arrays;
import java.util.List;

import io.tableaurelay.settings.Settings;

/**
 * The settings that turn a channel on, as its file declares them in {@code needs}: alternatives separated by
 * {@code |}, each a comma-separated list of settings that must all be set ({@code slack.webhook-url |
 * slack.token, slack.channel}).
 */
final class Requirements {

    private final List<List<String>> alternatives;

    Requirements(String needs) {
        this.alternatives = Arrays.stream(needs.split("\\|"))
                .map(Settings::split)
                .filter(settings -> !settings.isEmpty())
                .toList();
    }

    boolean isEmpty() {
        return alternatives.isEmpty();
    }

    /** What to set to turn the channel on, or "" when one alternative is fully set. */
    String missing(Settings settings) {
        for (List<String> alternative : alternatives) {
            List<String> unset = unset(alternative, settings);
            if (unset.isEmpty()) {
                return "";
            }
            if (alternatives.size() > 1 && unset.size() < alternative.size()) {
                List<String> set = alternative.stream().filter(name -> !unset.contains(name)).toList();
                return String.join(", ", set) + (set.size() == 1 ? " is" : " are") + " set, set "
                        + String.join(", ", unset) + " too";
            }
        }
        if (alternatives.size() == 1) {
            return "set " + String.join(", ", unset(alternatives.get(0), settings));
        }
        return "set " + String.join(", or ", alternatives.stream().map(Requirements::inWords).toList());
    }

    private static List<String> unset(List<String> alternative, Settings settings) {
        return alternative.stream().filter(name -> !settings.isSet(name)).toList();
    }

    private static String inWords(List<String> alternative) {
        if (alternative.size() == 1) {
            return alternative.get(0);
        }
        return String.join(", ", alternative.subList(0, alternative.size() - 1)) + " and "
                + alternative.get(alternative.size() - 1);
    }
}
