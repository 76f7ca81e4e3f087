package io.tableaurelay.action;

import java.util.Locale;
import java.util.Optional;

/** What a link in a message does to the failed item: refresh it now, mute it until it recovers, or snooze it. */
public enum Action {
    REFRESH("Refresh now", "Run the extract refresh of %s now."),
    MUTE("Mute until it recovers", "Record the failures of %s but send them on no channel until it refreshes "
            + "successfully; the recovery is still sent."),
    SNOOZE("Snooze", "Record the failures of %s but send them on no channel for %s, or until it refreshes "
            + "successfully.");

    private final String button;
    private final String description;

    Action(String button, String description) {
        this.button = button;
        this.description = description;
    }

    String button() {
        return button;
    }

    /** What the link will do, in a sentence, for the page a GET shows. */
    String describe(String item, String snoozeFor) {
        return description.formatted(item, snoozeFor);
    }

    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Action> of(String id) {
        for (Action action : values()) {
            if (action.id().equals(id)) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }
}
