package io.tableaurelay.settings;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.util.TimeUtils;

/**
 * Reads the relay's settings through Camel's properties component, so that a value comes from
 * application.properties, an environment variable or a -D system property alike.
 */
public final class Settings {

    private final CamelContext context;
    private final PropertiesComponent properties;

    public Settings(CamelContext context) {
        this.context = context;
        this.properties = context.getPropertiesComponent();
    }

    /** The trimmed value of a setting, or "" when it is unset. */
    public String get(String name) {
        return properties.resolveProperty(name).map(String::trim).orElse("");
    }

    public String get(String name, String fallback) {
        String value = get(name);
        return value.isEmpty() ? fallback : value;
    }

    public boolean isSet(String name) {
        return !get(name).isEmpty();
    }

    /** Whether the setting is defined anywhere (application.properties, environment, -D), empty or not. */
    public boolean exists(String name) {
        return properties.resolveProperty(name).isPresent();
    }

    /** The text with its {@code {{setting}}} placeholders filled in. */
    public String resolve(String text) {
        return context.resolvePropertyPlaceholders(text);
    }

    /**
     * An http(s) URL setting without a trailing slash. A malformed value stops the relay with an error that
     * names the setting but not the value, which may hold a secret.
     */
    public String url(String name) {
        String value = get(name);
        try {
            URI uri = new URI(value);
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new URISyntaxException(name, "not an http or https URL");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Setting " + name + " must be an http or https URL");
        }
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }

    /**
     * True when a host setting ({@code camel.server.host}, {@code camel.management.host}) names this machine only:
     * 127.0.0.1, ::1, localhost. False for 0.0.0.0 and any other address.
     */
    public boolean isLoopback(String name) {
        try {
            return InetAddress.getByName(get(name)).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** A duration setting, written like 30s, 2m, 4h; a clear error naming the setting otherwise. */
    public Duration duration(String name) {
        try {
            return Duration.ofMillis(TimeUtils.toMilliSeconds(get(name)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Setting " + name + " is a duration (30s, 2m, 4h), not " + get(name));
        }
    }

    /** A comma-separated setting as a list of trimmed, non-empty items. */
    public List<String> list(String name) {
        return split(get(name));
    }

    public static List<String> split(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(","))
                .map(String::trim)
                .filter(item -> !item.isEmpty())
                .toList();
    }
}
