package io.tableaurelay.event;

/**
 * The names of the headers an event's messages carry through the queues (as message properties), in one place:
 * who writes them and who reads them both name them here. Route files use the same names.
 */
public final class HeaderNames {

    // what the receive route learns from the event
    public static final String EVENT_ID = "eventId";
    public static final String EVENT_TYPE = "eventType";
    public static final String EVENT_TYPE_LABEL = "eventTypeLabel";
    public static final String RECEIVED_AT = "receivedAt";
    /** When Tableau says the event happened, else when it arrived. */
    public static final String CREATED_AT = "createdAt";
    public static final String RESOURCE = "resource";
    public static final String RESOURCE_LUID = "resourceLuid";
    public static final String RESOURCE_NAME = "resourceName";
    public static final String SITE_LUID = "siteLuid";
    /** The address the request came from (behind trusted proxies, the one they forwarded). */
    public static final String SENDER = "relaySender";
    /** The messages to store for an event: one per channel and recipient. */
    public static final String CHANNEL_MESSAGES = "channelMessages";
    /** Set on the first of an event's messages, so that a copy of the event counts as one duplicate. */
    public static final String FIRST_OF_EVENT = "firstOfEvent";
    /** The broker keeps one message of each id: a copy with the same id is dropped. */
    public static final String DUPLICATE_ID = "_AMQ_DUPL_ID";
    public static final String RECIPIENT = "recipient";

    // the item's history: a repeat of a failure, a recovery
    public static final String REPEAT = "repeat";
    public static final String FAILURE_COUNT = "failureCount";
    public static final String FAILING_SINCE = "failingSince";
    public static final String RECOVERED_AFTER = "recoveredAfter";

    // what Tableau says about the item
    public static final String ITEM_URL = "itemUrl";
    public static final String ITEM_PROJECT = "itemProject";
    public static final String ITEM_OWNER = "itemOwner";
    /** Why a refresh failed, Tableau's error text, trimmed; "" when Tableau did not say in time. */
    public static final String FAILURE_REASON = "failureReason";
    /** Tableau's page of the site's background jobs, where the failed refresh shows. */
    public static final String JOB_LINK = "jobLink";

    // acting from the alert (docs/actions.md)
    /** The signed links of a failed refresh's message: run the refresh, mute until it recovers, snooze. */
    public static final String REFRESH_LINK = "refreshLink";
    public static final String MUTE_LINK = "muteLink";
    public static final String SNOOZE_LINK = "snoozeLink";
    /** "true" when Slack's buttons act in place (slack.signing-secret set): the Slack template shows buttons. */
    public static final String ACTION_BUTTONS = "actionButtons";
    /** How long a snooze lasts, in words ("4 h"). */
    public static final String SNOOZE_FOR = "snoozeFor";
    /** On a failure of a muted item: who muted it and until when; the channels record it and send nothing. */
    public static final String MUTED = "muted";
    /** On the success that ends a mute: "a link from slack at 14:05 UTC". */
    public static final String MUTED_BY = "mutedBy";

    // alert storms: groups and folds
    public static final String GROUP_KEY = "groupKey";
    public static final String GROUP_SIZE = "groupSize";
    public static final String GROUP_EVENTS = "groupEvents";
    public static final String FOLDED = "folded";
    /** On a message held for a maintenance window, and on the message that sends them: the window ("02:00-04:00"). */
    public static final String MAINTENANCE_WINDOW = "maintenanceWindow";
    /** On a held message: it waits in a fold past a cap, not in a group. */
    public static final String HELD_AS_FOLD = "heldAsFold";

    // delivery attempts
    /** Attempts made so far. */
    public static final String ATTEMPT = "deliveryAttempt";
    /** Artemis holds a message back until this time (epoch millis): how a retry or a group's closing waits. */
    public static final String SCHEDULED_DELIVERY = "_AMQ_SCHED_DELIVERY";
    public static final String GIVE_UP = "deliveryGiveUp";
    public static final String LAST_ERROR = "deliveryLastError";
    public static final String RETRY_IN = "deliveryRetryIn";

    private HeaderNames() {
    }
}
