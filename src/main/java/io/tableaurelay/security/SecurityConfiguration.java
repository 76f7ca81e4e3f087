package io.tableaurelay.security;

import java.util.HashSet;
import java.util.List;

import io.tableaurelay.config.Settings;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the security settings once at startup: HTTPS, who may post (secret, addresses, sites), and which values
 * the log must never print. Puts the beans that the receive route uses into the registry and warns about an
 * endpoint that anyone can post to.
 */
public class SecurityConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SecurityConfiguration.class);
    private static final int SHORT_SECRET = 16;

    @Override
    public void configure(CamelContext context) {
        SecretMask.rememberSecretSettings(context);
        Settings settings = new Settings(context);
        WebhookSecret secret = WebhookSecret.from(settings);
        AllowedAddresses allowedAddresses = new AllowedAddresses(ranges(settings, "webhook.allowed-ips"));
        SenderAddress senderAddress = new SenderAddress(ranges(settings, "webhook.trusted-proxies"));
        AllowedSites allowedSites = new AllowedSites(new HashSet<>(settings.list("webhook.allowed-sites")));
        int rateLimit = rateLimit(settings);

        boolean https = HttpsKeystore.configure(context, settings);
        LOG.info("Webhook endpoint: {}, token {}, addresses: {}, sites: {}, rate limit: {}",
                https ? "HTTPS" : "plain HTTP", secret.isSet() ? "required" : "not required",
                settings.get("webhook.allowed-ips", "any"), settings.get("webhook.allowed-sites", "any"),
                rateLimit > 0 ? rateLimit + " a minute per address" : "off");
        warnAboutOpenEndpoint(settings, secret);

        var registry = context.getRegistry();
        registry.bind("webhookSecret", secret);
        registry.bind("senderAddress", senderAddress);
        registry.bind("allowedAddresses", allowedAddresses);
        registry.bind("allowedSites", allowedSites);
        RejectedRequests rejected = new RejectedRequests();
        registry.bind("rejectedRequests", rejected);
        answerStatusOnlyFailuresQuietly(context, settings, rejected, senderAddress);
    }

    private static void answerStatusOnlyFailuresQuietly(CamelContext context, Settings settings,
            RejectedRequests rejected, SenderAddress senderAddress) {
        try {
            context.addStartupListener(new StatusOnlyFailures(
                    Integer.parseInt(settings.get("camel.server.port", "8080")), rejected, senderAddress));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<IpRange> ranges(Settings settings, String name) {
        return settings.list(name).stream().map(range -> IpRange.parse(range, name)).toList();
    }

    private static int rateLimit(Settings settings) {
        String name = "webhook.rate-limit-per-minute";
        try {
            int limit = Integer.parseInt(settings.get(name, "0"));
            if (limit >= 0) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("Setting " + name + " must be a whole number, 0 for no limit");
    }

    private static void warnAboutOpenEndpoint(Settings settings, WebhookSecret secret) {
        String host = settings.get("camel.server.host", "0.0.0.0");
        if (!secret.isSet() && !settings.isLoopback("camel.server.host", "0.0.0.0")) {
            LOG.warn("webhook.secret is empty and the relay listens on {}: anyone who finds the URL can post events."
                    + " Set webhook.secret; Tableau's URL then carries it as the token parameter", host);
        } else if (secret.isSet() && settings.get(WebhookSecret.SETTING).length() < SHORT_SECRET) {
            LOG.warn("webhook.secret is shorter than {} characters: use a long random value (openssl rand -hex 32)",
                    SHORT_SECRET);
        }
    }
}
