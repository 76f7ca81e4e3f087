package io.tableaurelay.registration;

import java.net.URI;
import java.util.List;

import io.tableaurelay.security.WebhookSecret;
import io.tableaurelay.settings.Settings;
import org.apache.camel.util.TimeUtils;

/**
 * The registration settings (tableau.*, relay.public-url), read once at startup, and whether registration is
 * on. It is off when tableau.server-url is empty, and also, with a warning, when a setting it needs is
 * missing or malformed; the relay serves webhooks either way. The register route asks {@link #isOn()}.
 */
public final class Registration {

    private static final String SERVER_URL_EMPTY = "tableau.server-url is empty";

    private final String offReason;
    private final String serverUrl;
    private final String site;
    private final String apiVersion;
    private final TableauCredentials credentials;
    private final String destination;
    private final String prefix;
    private final List<String> events;
    private final boolean prune;
    private final boolean testAfterChange;
    private final long intervalMillis;

    private Registration(String offReason, Settings settings, String serverUrl, TableauCredentials credentials,
            String destination) {
        this.offReason = offReason;
        this.serverUrl = serverUrl;
        this.credentials = credentials;
        this.destination = destination;
        this.site = settings.get("tableau.site");
        this.apiVersion = settings.get("tableau.api-version");
        this.prefix = settings.get("tableau.webhook-name-prefix");
        this.events = settings.list("tableau.events");
        this.prune = Boolean.parseBoolean(settings.get("tableau.prune"));
        this.testAfterChange = Boolean.parseBoolean(settings.get("tableau.test-after-change"));
        this.intervalMillis = settings.duration("tableau.reconcile-interval").toMillis();
    }

    public static Registration from(Settings settings) {
        if (!settings.isSet("tableau.server-url")) {
            return new Registration(SERVER_URL_EMPTY, settings, "", null, "");
        }
        String serverUrl;
        String publicUrl;
        try {
            serverUrl = settings.url("tableau.server-url");
            publicUrl = settings.isSet("relay.public-url") ? settings.url("relay.public-url") : "";
        } catch (IllegalArgumentException e) {
            return new Registration(e.getMessage(), settings, "", null, "");
        }
        if (publicUrl.isEmpty()) {
            return new Registration("set relay.public-url, the https address at which Tableau reaches the relay",
                    settings, serverUrl, null, "");
        }
        TableauCredentials credentials = credentials(settings);
        if (credentials == null) {
            return new Registration("set tableau.pat-name and tableau.pat-secret, or tableau.username and "
                    + "tableau.password", settings, serverUrl, null, "");
        }
        String path = settings.get("webhook.path");
        String destination = WebhookSecret.from(settings)
                .destinationUrl(publicUrl + (path.startsWith("/") ? path : "/" + path));
        return new Registration("", settings, serverUrl, credentials, destination);
    }

    static TableauCredentials credentials(Settings settings) {
        if (settings.isSet("tableau.pat-name") && settings.isSet("tableau.pat-secret")) {
            return TableauCredentials.personalAccessToken(settings.get("tableau.pat-name"),
                    settings.get("tableau.pat-secret"));
        }
        if (settings.isSet("tableau.username") && settings.isSet("tableau.password")) {
            return TableauCredentials.password(settings.get("tableau.username"), settings.get("tableau.password"));
        }
        return null;
    }

    public boolean isOn() {
        return offReason.isEmpty();
    }

    /** Off because tableau.server-url is empty, as opposed to off because a needed setting is wrong. */
    boolean isDeliberatelyOff() {
        return offReason.equals(SERVER_URL_EMPTY);
    }

    /** One line for the startup log, without secrets. */
    String describe() {
        if (!isOn()) {
            return "Registration in Tableau is off: " + offReason;
        }
        return "Registration in Tableau is on: " + serverUrl + ", " + siteInWords() + ", as " + credentials
                + ", webhooks " + prefix + "-{event} to " + destination + ", checked at startup and every "
                + TimeUtils.printDuration(intervalMillis) + (prune ? ", pruning" : "");
    }

    /** A warning for the startup log, or "" when there is nothing to warn about. */
    String warning() {
        if (isOn() && !URI.create(destination).getScheme().equals("https")) {
            return "relay.public-url is not https: Tableau will refuse to deliver events to " + destination;
        }
        return "";
    }

    String siteInWords() {
        return site.isEmpty() ? "default site" : "site " + site;
    }

    String serverUrl() {
        return serverUrl;
    }

    String site() {
        return site;
    }

    String apiVersion() {
        return apiVersion;
    }

    TableauCredentials credentials() {
        return credentials;
    }

    String destination() {
        return destination;
    }

    String prefix() {
        return prefix;
    }

    List<String> events() {
        return events;
    }

    boolean prune() {
        return prune;
    }

    boolean testAfterChange() {
        return testAfterChange;
    }
}
