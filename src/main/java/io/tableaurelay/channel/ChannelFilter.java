package io.tableaurelay.channel;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.tableaurelay.settings.Settings;

/**
 * Which events a channel takes: event types, and optionally sites (LUIDs or content URLs), projects and items
 * (name patterns). An empty choice of sites, projects or items takes any. When the relay cannot tell an event's
 * project or site name (Tableau is not set up, or could not be asked), a channel that filters on it takes the
 * event: nothing is lost. Events about a site or a user are in no project.
 */
public final class ChannelFilter {

    private static final Pattern LUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final Patterns events;
    private final Set<String> siteLuids;
    private final Set<String> siteContentUrls;
    private final Patterns projects;
    private final Patterns items;

    public ChannelFilter(String events, String sites, String projects, String items) {
        this.events = new Patterns(events);
        List<String> named = Settings.split(sites).stream().map(site -> site.toLowerCase(Locale.ROOT)).toList();
        this.siteLuids = named.stream().filter(site -> LUID.matcher(site).matches()).collect(Collectors.toSet());
        this.siteContentUrls = named.stream().filter(site -> !siteLuids.contains(site)).collect(Collectors.toSet());
        this.projects = new Patterns(projects);
        this.items = new Patterns(items);
    }

    public boolean accepts(EventFacts event) {
        return events.matches(event.eventType()) && site(event) && project(event)
                && (items.isEmpty() || items.matches(event.itemName()));
    }

    /** Only the event types: what registration asks Tableau for. */
    public boolean acceptsType(String eventType) {
        return events.matches(eventType);
    }

    /** Whether the filter needs what only Tableau's REST API tells: a project, or a site's content URL. */
    public boolean filtersOnTableauDetails() {
        return !projects.isEmpty() || !siteContentUrls.isEmpty();
    }

    /** A site LUID is in the event; a content URL only when the relay could name the event's site. */
    private boolean site(EventFacts event) {
        if (siteLuids.isEmpty() && siteContentUrls.isEmpty()
                || event.siteLuid() != null && siteLuids.contains(event.siteLuid().toLowerCase(Locale.ROOT))) {
            return true;
        }
        if (siteContentUrls.isEmpty()) {
            return false;
        }
        String contentUrl = event.siteContentUrl();
        return contentUrl == null || siteContentUrls.contains(contentUrl.toLowerCase(Locale.ROOT));
    }

    private boolean project(EventFacts event) {
        if (projects.isEmpty()) {
            return true;
        }
        if (!event.inProject()) {
            return false;
        }
        return event.project() == null || event.project().isEmpty() || projects.matches(event.project());
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(events.toString());
        if (!siteLuids.isEmpty() || !siteContentUrls.isEmpty()) {
            text.append(", sites: ").append(String.join(",",
                    java.util.stream.Stream.concat(siteLuids.stream(), siteContentUrls.stream()).toList()));
        }
        if (!projects.isEmpty()) {
            text.append(", projects: ").append(projects);
        }
        if (!items.isEmpty()) {
            text.append(", items: ").append(items);
        }
        return text.toString();
    }
}
