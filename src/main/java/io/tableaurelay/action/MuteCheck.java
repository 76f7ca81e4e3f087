package io.tableaurelay.action;

import java.time.Clock;

import io.tableaurelay.event.HeaderNames;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In the receive route, once per event: a failed refresh of a muted or snoozed item gets the header {@code muted}
 * (the channels record it and send nothing); a successful refresh ends the item's mute, and its messages get the
 * header {@code mutedBy} ("a link from slack at 14:05 UTC") for the recovery notice. A snooze whose time is over is
 * lifted by the next event of its item. Nothing happens while actions are off.
 */
public final class MuteCheck {

    private static final Logger LOG = LoggerFactory.getLogger(MuteCheck.class);

    private final ActionSettings settings;
    private final ItemMutes mutes;
    private final Clock clock;

    MuteCheck(ActionSettings settings, ItemMutes mutes, Clock clock) {
        this.settings = settings;
        this.mutes = mutes;
        this.clock = clock;
    }

    public void check(Exchange exchange) {
        Message message = exchange.getMessage();
        String type = message.getHeader(HeaderNames.EVENT_TYPE, "", String.class);
        if (!settings.isOn() || !(type.endsWith("RefreshFailed") || type.endsWith("RefreshSucceeded"))) {
            return;
        }
        String item = message.getHeader(HeaderNames.SITE_LUID, "", String.class) + "/"
                + message.getHeader(HeaderNames.RESOURCE_LUID, "", String.class);
        if (!ItemMutes.isKey(item)) {
            return;
        }
        try {
            check(message, type, item);
        } catch (IllegalStateException e) {
            LOG.warn("Cannot tell whether {} is muted, so its event goes out: {}", item, e.getMessage());
        }
    }

    private void check(Message message, String type, String item) {
        if (type.endsWith("RefreshSucceeded")) {
            mutes.of(item).flatMap(mute -> mutes.lift(item)).ifPresent(mute ->
                    message.setHeader(HeaderNames.MUTED_BY, mute.by() + " at " + Pages.timeOfDay(mute.at())));
            return;
        }
        mutes.of(item).ifPresent(mute -> {
            if (mute.endedBy(clock.instant())) {
                mutes.lift(item);
            } else {
                message.setHeader(HeaderNames.MUTED, "by " + mute.by() + " " + mute.untilInWords());
            }
        });
    }
}
