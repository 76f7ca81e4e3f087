package io.tableaurelay.channel;

import io.tableaurelay.event.EventType;

/**
 * What a channel filter looks at in an event.
 *
 * @param siteContentUrl the site's content URL when the relay knows it, else null
 * @param inProject      whether the event is about something that lives in a project (not a site or a user)
 * @param project        the project's name, or null or "" when the relay could not find it
 * @param repeat         a failure of an item that failed within repeat-interval
 * @param recoveredAfter the failures this success of the item ended, or 0
 */
public record EventFacts(String eventType, String siteLuid, String siteContentUrl, boolean inProject, String project,
        String itemName, boolean repeat, int recoveredAfter) {

    /** The same event as a failure: which channels heard of the failures a recovery ends. */
    EventFacts asFailure() {
        return new EventFacts(EventType.family(eventType) + "Failed", siteLuid, siteContentUrl, inProject, project,
                itemName, false, 0);
    }
}
