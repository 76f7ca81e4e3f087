package io.tableaurelay.registration;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.tableaurelay.config.Settings;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web page in Tableau of the workbook or data source an event is about, for the link in a message. Tableau's
 * events carry only the item's LUID, so the page address ({@code webpageUrl}) is asked of the REST API, with the
 * tableau.* sign-in settings, in a session kept open between events, and remembered per item. An event about
 * anything else, or about a deleted item, has no link; so does every event about an item not looked up yet while
 * Tableau cannot answer, and for a minute after, so that a Tableau outage costs delivery one failed call a minute.
 */
public final class ItemLinks {

    static final Duration PAUSE_AFTER_FAILURE = Duration.ofMinutes(1);
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
    private static final int REMEMBERED = 1000;
    private static final Pattern LUID = Pattern.compile("[0-9A-Fa-f-]{1,64}");
    private static final Logger LOG = LoggerFactory.getLogger(ItemLinks.class);

    private final String offReason;
    private final TableauRestClient client;
    private final TableauCredentials credentials;
    private final String site;
    private final Clock clock;
    private final Map<String, String> remembered = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > REMEMBERED;
        }
    };
    private TableauSession session;
    private Instant pausedUntil = Instant.MIN;

    private ItemLinks(String offReason, TableauRestClient client, TableauCredentials credentials, String site,
            Clock clock) {
        this.offReason = offReason;
        this.client = client;
        this.credentials = credentials;
        this.site = site;
        this.clock = clock;
    }

    static ItemLinks from(Settings settings, Clock clock) {
        if (!Boolean.parseBoolean(settings.get("tableau.item-links", "true"))) {
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
                settings.get("tableau.api-version", Registration.DEFAULT_API_VERSION), CALL_TIMEOUT);
        return new ItemLinks("", client, credentials, settings.get("tableau.site"), clock);
    }

    private static ItemLinks off(String reason) {
        return new ItemLinks(reason, null, null, "", Clock.systemUTC());
    }

    boolean isOn() {
        return offReason.isEmpty();
    }

    String describe() {
        return isOn() ? "Messages link to the item in Tableau (looked up as " + credentials + ")"
                : "Messages carry no link to the item in Tableau: " + offReason;
    }

    /** The item's web page, or "" when there is none or Tableau cannot say. */
    public synchronized String find(@Header("eventType") String eventType, @Header("resource") String resource,
            @Header("resourceLuid") String resourceLuid) {
        Optional<String> collection = collection(eventType, resource);
        if (!isOn() || collection.isEmpty() || resourceLuid == null || !LUID.matcher(resourceLuid).matches()) {
            return "";
        }
        String item = collection.get() + "/" + resourceLuid;
        String link = remembered.get(item);
        if (link != null) {
            return link;
        }
        if (clock.instant().isBefore(pausedUntil)) {
            return "";
        }
        link = ask(collection.get(), resourceLuid);
        if (!link.isEmpty()) {
            remembered.put(item, link);
        }
        return link;
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
     * The page Tableau names, or "": the item is gone or hidden (asked again next time: a new item may not be
     * visible yet), or Tableau could not answer (not asked again for a while).
     */
    private String ask(String collection, String luid) {
        try {
            if (session == null) {
                session = TableauSession.signIn(client, credentials, site);
            }
            return webPage(session.webpageUrl(collection, luid));
        } catch (TableauException e) {
            if (session != null && (e.status() == 403 || e.status() == 404)) {
                return "";
            }
            pausedUntil = clock.instant().plus(PAUSE_AFTER_FAILURE);
            LOG.warn("Messages go out without links to Tableau for {} s: {}", PAUSE_AFTER_FAILURE.toSeconds(),
                    e.getMessage());
            return "";
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

    /** Signs out of the session kept for lookups, if any. */
    public synchronized void close() {
        if (session != null) {
            session.close();
            session = null;
        }
    }
}
