package io.tableaurelay.channel;

/**
 * What a channel filter looks at in an event.
 *
 * @param siteContentUrl the site's content URL when the relay knows it, else null
 * @param inProject      whether the event is about something that lives in a project (not a site or a user)
 * @param project        the project's name, or null or "" when the relay could not find it
 */
public record EventFacts(String eventType, String siteLuid, String siteContentUrl, boolean inProject, String project,
        String itemName) {
}
