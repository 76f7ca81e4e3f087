package io.tableaurelay.security;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import io.tableaurelay.settings.Settings;
import org.apache.camel.CamelContext;

/**
 * Masks secrets in text that is about to be printed: the value of every setting whose name says key, secret,
 * token or password (and slack.webhook-url, a secret URL), and any {@code token=} query parameter. The log
 * layout passes every line through it ({@code %mask{...}} in log4j2.properties).
 */
public final class SecretMask {

    public static final String MASK = "****";

    /** slack.token, twilio.auth-token, ifttt.key, webhook.tls.key-store-password, SLACK_WEBHOOK_URL, ... */
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(key|secret|token|password|webhook[-_.]url)");
    private static final Pattern TOKEN_PARAMETER = Pattern.compile("([?&]" + WebhookSecret.PARAMETER + "=)[^&\\s\"'<>]+");
    /** Shorter values would mask ordinary words; no real secret is this short. */
    private static final int SHORTEST_SECRET = 6;

    private static final List<String> SECRETS = new CopyOnWriteArrayList<>();

    private SecretMask() {
    }

    static boolean isSecretSetting(String name) {
        return SECRET_NAME.matcher(name).matches();
    }

    /**
     * Remembers the value of every secret setting: those named in the settings files and overrides (resolved,
     * so an environment variable or -D wins), and secret-named environment variables and system properties.
     */
    static void rememberSecretSettings(CamelContext context) {
        Settings settings = new Settings(context);
        Set<String> names = context.getPropertiesComponent().loadProperties().stringPropertyNames();
        names.stream().filter(SecretMask::isSecretSetting).map(settings::get).forEach(SecretMask::remember);
        System.getenv().forEach((name, value) -> rememberIfSecret(name, value));
        System.getProperties().forEach((name, value) -> rememberIfSecret(String.valueOf(name), String.valueOf(value)));
    }

    private static void rememberIfSecret(String name, String value) {
        if (isSecretSetting(name)) {
            remember(value);
        }
    }

    /** A value that must never be printed, whatever its setting is called (a channel file names it). */
    public static void rememberSecret(String secret) {
        remember(secret);
    }

    /**
     * The value of a request header a channel sends, when the header carries credentials (Authorization,
     * X-Api-Key, X-Auth-Token, ...): the whole value, and the credentials after a scheme such as {@code Bearer}.
     */
    public static void rememberHeader(String name, String value) {
        if (name.equalsIgnoreCase("Authorization") || name.equalsIgnoreCase("Proxy-Authorization")
                || isSecretSetting(name)) {
            remember(value);
            remember(value.substring(value.indexOf(' ') + 1).trim());
        }
    }

    static void remember(String secret) {
        if (secret != null && secret.length() >= SHORTEST_SECRET && !SECRETS.contains(secret)) {
            SECRETS.add(secret);
            SECRETS.sort(Comparator.comparingInt(String::length).reversed());
        }
    }

    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = text;
        for (String secret : SECRETS) {
            if (masked.contains(secret)) {
                masked = masked.replace(secret, MASK);
            }
        }
        return TOKEN_PARAMETER.matcher(masked).replaceAll("$1" + MASK);
    }
}
