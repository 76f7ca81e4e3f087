package io.tableaurelay.event;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the relay knows about Tableau's event names: the 22 documented ones, the words for an event and
 * its outcome. Unknown names are described by the same rules, so a new Tableau event still reads well.
 */
public final class EventType {

    public static final List<String> KNOWN = List.of(
            "DatasourceCreated", "DatasourceUpdated", "DatasourceDeleted",
            "WorkbookCreated", "WorkbookUpdated", "WorkbookDeleted",
            "DatasourceRefreshStarted", "DatasourceRefreshSucceeded", "DatasourceRefreshFailed",
            "WorkbookRefreshStarted", "WorkbookRefreshSucceeded", "WorkbookRefreshFailed",
            "ViewDeleted",
            "LabelCreated", "LabelUpdated", "LabelDeleted",
            "SiteCreated", "SiteUpdated", "SiteDeleted",
            "UserDeleted", "AdminPromoted", "AdminDemoted");

    private static final Map<String, String> OUTCOME_BY_SUFFIX = Map.of(
            "Failed", "failure",
            "Succeeded", "success",
            "Completed", "success",
            "Created", "creation",
            "Deleted", "deletion",
            "Updated", "update",
            "Started", "start",
            "Promoted", "update",
            "Demoted", "update");

    private static final Map<String, String> KIND_BY_PREFIX = Map.of(
            "Datasource", "data source",
            "Workbook", "workbook",
            "View", "view",
            "Site", "site",
            "User", "user",
            "Admin", "user",
            "Flow", "flow");

    private static final Map<String, String> KIND_BY_RESOURCE = Map.of(
            "DATASOURCE", "data source",
            "WORKBOOK", "workbook",
            "VIEW", "view",
            "SITE", "site",
            "USER", "user",
            "FLOW", "flow");

    private static final Map<String, String> WORDS_BY_EVENT = Map.of(
            "AdminPromoted", "User promoted to administrator",
            "AdminDemoted", "User demoted from administrator");

    private EventType() {
    }

    public static boolean isKnown(String eventType) {
        return KNOWN.contains(eventType);
    }

    /** "DatasourceRefreshFailed" becomes "Data source refresh failed". */
    public static String words(String eventType) {
        String fixed = WORDS_BY_EVENT.get(eventType);
        if (fixed != null) {
            return fixed;
        }
        String spaced = eventType.replace("Datasource", "DataSource")
                .replaceAll("([a-z0-9])([A-Z])", "$1 $2")
                .replace('_', ' ')
                .toLowerCase(Locale.ROOT);
        return spaced.isEmpty() ? spaced : Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }

    /** One of failure, success, creation, deletion, update, start, or "other". */
    public static String outcome(String eventType) {
        return OUTCOME_BY_SUFFIX.entrySet().stream()
                .filter(entry -> eventType.endsWith(entry.getKey()))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse("other");
    }

    /** The event without its outcome: "DatasourceRefreshFailed" and "DatasourceRefreshSucceeded" are "DatasourceRefresh". */
    public static String family(String eventType) {
        return OUTCOME_BY_SUFFIX.keySet().stream()
                .filter(eventType::endsWith)
                .findFirst()
                .map(suffix -> eventType.substring(0, eventType.length() - suffix.length()))
                .orElse(eventType);
    }

    /**
     * The kind of item, in words: "data source", "workbook", ...; from the event name, else (labels, new
     * events) from the resource.
     */
    public static String kind(String eventType, String resource) {
        return KIND_BY_PREFIX.entrySet().stream()
                .filter(entry -> eventType.startsWith(entry.getKey()))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElseGet(() -> resourceKind(resource));
    }

    /** Whether the event is about something that lives in a project: anything but a site or a user. */
    public static boolean isInProject(String eventType, String resource) {
        String kind = kind(eventType == null ? "" : eventType, resource);
        return !"site".equals(kind) && !"user".equals(kind);
    }

    private static String resourceKind(String resource) {
        if (resource == null || resource.isEmpty()) {
            return "item";
        }
        return KIND_BY_RESOURCE.getOrDefault(resource, resource.toLowerCase(Locale.ROOT));
    }
}
