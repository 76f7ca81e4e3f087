package io.tableaurelay.registration;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.tableaurelay.event.HeaderNames;
import io.tableaurelay.settings.Settings;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Tableau says about the workbook or data source an event is about: its web page (for the link in a message),
 * its project and its owner (for templates and the channels' project filters). Tableau's events carry only the
 * item's LUID, so the item is asked of the REST API, with the tableau.* sign-in settings, in a session kept open
 * between events, and remembered per item. An event about anything else, or about a deleted item, is not looked up;
 * neither is an item not looked up yet while Tableau cannot answer, and for a minute after, so that a Tableau outage
 * costs delivery one failed call a minute. The channel route puts the answer into the headers {@code itemUrl},
 * {@code itemProject}, {@code itemOwner} and, for events of the site the relay signs in to, {@code siteContentUrl}.
 */
public final class TableauItems {

    static final Duration PAUSE_AFTER_FAILURE = Duration.ofMinutes(1);
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
    private static final int REMEMBERED = 1000;
    private static final Pattern LUID = Pattern.compile("[0-9A-Fa-f-]{1,64}");
    private static final Logger LOG = LoggerFactory.getLogger(TableauItems.class);

    private final String offReason;
    private final TableauRestClient client;
    private final TableauCredentials credentials;
    private final String site;
    private final Clock clock;
    private final Map<String, Item> remembered = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Item> eldest) {
            return size() > REMEMBERED;
        }
    };
    private TableauSession session;
    private Instant pausedUntil = Instant.MIN;

    private TableauItems(String offReason, TableauRestClient client, TableauCredentials credentials, String site,
            Clock clock) {
        this.offReason = offReason;
        this.client = client;
        this.credentials = credentials;
        this.site = site;
        this.clock = clock;
    }

    static TableauItems from(Settings settings, Clock clock) {
        if (!Boolean.parseBoolean(settings.get("tableau.item-links"))) {
            return off("tableau.item-links is false");
        }
        if (!settings.isSet("tableau.server-url")) {
            return off("tableau.server-url is empty");
        }
        TableauCredentials credentials = Registration.credentials(settings);
        if (credentials == null) {
            return off("set tableau.pat-name and tableau.pat-secret, or tableau.username and tableau.password");
        }
        String serverUrl;
        try {
            serverUrl = settings.url("tableau.server-url");
        } catch (IllegalArgumentException e) {
            return off(e.getMessage());
        }
        TableauRestClient client = new TableauRestClient(serverUrl,
                settings.get("tableau.api-version"), CALL_TIMEOUT);
        return new TableauItems("", client, credentials, settings.get("tableau.site"), clock);
    }

    private static TableauItems off(String reason) {
        return new TableauItems(reason, null, null, "", Clock.systemUTC());
    }

    boolean isOn() {
        return offReason.isEmpty();
    }

    String startupLine() {
        return isOn() ? "Messages link to the item in Tableau (looked up as " + credentials + ")"
                : "Messages carry no link to the item in Tableau: " + offReason;
    }

    /** Puts what Tableau says about the event's item into its headers; "" where there is nothing to say. */
    public void describe(Exchange exchange) {
        Message message = exchange.getMessage();
        Item item = find(message.getHeader(HeaderNames.EVENT_TYPE, String.class), message.getHeader(HeaderNames.RESOURCE, String.class),
                message.getHeader(HeaderNames.RESOURCE_LUID, String.class));
        message.setHeader(HeaderNames.ITEM_URL, item.page());
        message.setHeader(HeaderNames.ITEM_PROJECT, item.project());
        message.setHeader(HeaderNames.ITEM_OWNER, item.owner());
        siteContentUrl(message.getHeader(HeaderNames.SITE_LUID, String.class))
                .ifPresent(contentUrl -> message.setHeader("siteContentUrl", contentUrl));
    }

    /** The item's page, project and owner, or {@link Item#NONE} when there is none or Tableau cannot say. */
    synchronized Item find(String eventType, String resource, String resourceLuid) {
        Optional<String> collection = collection(eventType, resource);
        if (!isOn() || collection.isEmpty() || resourceLuid == null || !LUID.matcher(resourceLuid).matches()) {
            return Item.NONE;
        }
        String key = collection.get() + "/" + resourceLuid;
        Item item = remembered.get(key);
        if (item != null) {
            return item;
        }
        if (clock.instant().isBefore(pausedUntil)) {
            return Item.NONE;
        }
        item = ask(collection.get(), resourceLuid);
        if (item != Item.NONE) {
            remembered.put(key, item);
        }
        return item;
    }

    /**
     * The session kept for lookups, signed in now if there is none; for other lookups of the same sign-in (the
     * reason of a failed refresh), made outside this object's lock. Throws while Tableau is left alone after a failure.
     */
    synchronized TableauSession session() {
        if (clock.instant().isBefore(pausedUntil)) {
            throw TableauException.paused(client.serverUrl());
        }
        if (session == null) {
            session = TableauSession.signIn(client, credentials, site);
        }
        return session;
    }

    /**
     * Runs the extract refresh of a workbook or data source ({@code collection}) of the site the relay signs in to;
     * the id of the job Tableau started. A {@link TableauException} says why not, in one line.
     */
    public String refresh(String siteLuid, String collection, String luid) {
        if (!isOn()) {
            throw new IllegalStateException("the relay has no Tableau sign-in: " + offReason);
        }
        TableauSession session = session();
        if (!session.siteId().equalsIgnoreCase(siteLuid)) {
            throw new IllegalStateException("the item is on another site than the one the relay signs in to ("
                    + (site.isEmpty() ? "the default site" : site) + ")");
        }
        return session.refresh(collection, luid);
    }

    /** Tableau's page of the site's background jobs, where a failed refresh shows with its error. */
    String jobsPage() {
        return client.serverUrl() + (site.isEmpty() ? "/#/jobs" : "/#/site/" + site + "/jobs");
    }

    /** The content URL of the site the relay signs in to, when the event is from it and a session knows its LUID. */
    private synchronized Optional<String> siteContentUrl(String siteLuid) {
        return session != null && session.siteId().equalsIgnoreCase(String.valueOf(siteLuid))
                ? Optional.of(site) : Optional.empty();
    }

    /** The REST collection the item belongs to ("workbooks", "datasources"), when it still exists. */
    static Optional<String> collection(String eventType, String resource) {
        if (eventType == null || eventType.endsWith("Deleted")) {
            return Optional.empty();
        }
        if (eventType.startsWith("Workbook") || "WORKBOOK".equals(resource)) {
            return Optional.of("workbooks");
        }
        if (eventType.startsWith("Datasource") || "DATASOURCE".equals(resource)) {
            return Optional.of("datasources");
        }
        return Optional.empty();
    }

    /**
     * What Tableau says of the item, or {@link Item#NONE}: the item is gone or hidden (asked again next time: a new
     * item may not be visible yet), or Tableau could not answer (not asked again for a while).
     */
    private Item ask(String collection, String luid) {
        try {
            JsonNode item = session().item(collection, luid);
            return new Item(webPage(item.path("webpageUrl").asText("")), item.path("project").path("name").asText(""),
                    item.path("owner").path("name").asText(""));
        } catch (TableauException e) {
            if (session != null && (e.status() == 403 || e.status() == 404)) {
                return Item.NONE;
            }
            pausedUntil = clock.instant().plus(PAUSE_AFTER_FAILURE);
            LOG.warn("Messages go out without links to Tableau for {} s: {}", PAUSE_AFTER_FAILURE.toSeconds(),
                    e.getMessage());
            return Item.NONE;
        }
    }

    private static String webPage(String url) {
        try {
            String scheme = URI.create(url).getScheme();
            return "https".equals(scheme) || "http".equals(scheme) ? url : "";
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** A workbook's or data source's page, project name and owner name; "" for what Tableau did not say. */
    record Item(String page, String project, String owner) {
        static final Item NONE = new Item("", "", "");
    }

    /** Signs out of the session kept for lookups, if any. */
    public synchronized void close() {
        if (session != null) {
            session.close();
            session = null;
        }
    }
}
