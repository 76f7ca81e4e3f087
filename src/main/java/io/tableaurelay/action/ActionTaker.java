package io.tableaurelay.action;

import java.time.Clock;
import java.time.Instant;

import io.tableaurelay.registration.TableauException;
import io.tableaurelay.registration.TableauItems;

/**
 * Does what a link or a Slack button asks: runs the item's extract refresh in Tableau, or mutes or snoozes it. Says what
 * it did in a title ("Refresh started"), a sentence for a page, and an outcome for the log and the metrics.
 */
final class ActionTaker {

    private final ActionSettings settings;
    private final ItemMutes mutes;
    private final TableauItems tableau;
    private final Clock clock;

    ActionTaker(ActionSettings settings, ItemMutes mutes, TableauItems tableau, Clock clock) {
        this.settings = settings;
        this.mutes = mutes;
        this.tableau = tableau;
        this.clock = clock;
    }

    /** @param by who acted, in words: "a link from slack", "@ana in Slack" */
    Done take(ActionLink link, String by) {
        Instant now = clock.instant();
        return switch (link.action()) {
            case REFRESH -> refresh(link);
            case MUTE -> mute(link, new Mute(link.itemKey(), link.name(), by, now, null));
            case SNOOZE -> mute(link, new Mute(link.itemKey(), link.name(), by, now, now.plus(settings.snooze())));
        };
    }

    private Done refresh(ActionLink link) {
        try {
            String job = tableau.refresh(link.site(), link.collection(), link.item());
            return new Done(true, "Refresh started", "Tableau started the refresh of " + link.itemInWords() + " (job "
                    + job + "). Its outcome comes as a message, as usual.", "done", "Tableau job " + job);
        } catch (TableauException | IllegalStateException e) {
            return new Done(false, "Refresh not started", "Tableau did not start the refresh of "
                    + link.itemInWords() + ": " + e.getMessage(), "failed", e.getMessage());
        }
    }

    private Done mute(ActionLink link, Mute mute) {
        mutes.mute(mute);
        String muted = link.action() == Action.MUTE ? "Muted" : "Snoozed";
        return new Done(true, muted + " " + mute.untilInWords(), link.itemInWords() + " is " + muted.toLowerCase()
                + " " + mute.untilInWords() + ": its failures are recorded but sent on no channel; the message that it "
                + "recovered still goes out.", "done", mute.untilInWords());
    }

    /**
     * What an action did: whether it worked, a title and a sentence for people, and for the route's log line, metric
     * and delivery log its {@code outcome} (done, failed) and {@code detail}.
     */
    record Done(boolean worked, String title, String sentence, String outcome, String detail) {
    }
}
