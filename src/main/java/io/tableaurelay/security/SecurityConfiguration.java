package io.tableaurelay.security;

import java.util.HashSet;
import java.util.List;

import io.tableaurelay.settings.Settings;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may post, for the receive route: {@code webhookSecret}, {@code senderAddress}, {@code allowedAddresses},
 * {@code allowedSites} and {@code rejectedRequests}. At startup: which values the log must never print, HTTPS, a line
 * saying how the endpoint is guarded, and a warning about an endpoint that anyone can post to.
 */
public class SecurityConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SecurityConfiguration.class);
    private static final int SHORT_SECRET = 16;
    private static final String RATE_LIMIT = "webhook.rate-limit-per-minute";

    @BindToRegistry
    public WebhookSecret webhookSecret(CamelContext context) {
        return WebhookSecret.from(new Settings(context));
    }

    @BindToRegistry
    public SenderAddress senderAddress(CamelContext context) {
        return new SenderAddress(ranges(new Settings(context), "webhook.trusted-proxies"));
    }

    @BindToRegistry
    public AllowedAddresses allowedAddresses(CamelContext context) {
        return new AllowedAddresses(ranges(new Settings(context), "webhook.allowed-ips"));
    }

    @BindToRegistry
    public AllowedSites allowedSites(CamelContext context) {
        return new AllowedSites(new HashSet<>(new Settings(context).list("webhook.allowed-sites")));
    }

    @BindToRegistry
    public RejectedRequests rejectedRequests() {
        return new RejectedRequests();
    }

    /** Failures that the HTTP server answers by itself (a body too large, ...) get a short JSON answer too. */
    @BindToRegistry(lazy = true)
    public StatusOnlyFailures statusOnlyFailures(@PropertyInject("camel.server.port") int port,
            @BeanInject("rejectedRequests") RejectedRequests rejected,
            @BeanInject("senderAddress") SenderAddress senderAddress) {
        return new StatusOnlyFailures(port, rejected, senderAddress);
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        SecretMask.rememberSecretSettings(context);
        Settings settings = new Settings(context);
        WebhookSecret secret = context.getRegistry().lookupByNameAndType("webhookSecret", WebhookSecret.class);
        int rateLimit = rateLimit(settings);
        boolean https = HttpsKeystore.configure(context, settings);
        LOG.info("Webhook endpoint: {}, token {}, addresses: {}, sites: {}, rate limit: {}",
                https ? "HTTPS" : "plain HTTP", secret.isSet() ? "required" : "not required",
                settings.get("webhook.allowed-ips", "any"), settings.get("webhook.allowed-sites", "any"),
                rateLimit > 0 ? rateLimit + " a minute per address" : "off");
        warnAboutOpenEndpoint(settings, secret);
        context.addStartupListener(context.getRegistry().lookupByNameAndType("statusOnlyFailures",
                StatusOnlyFailures.class));
    }

    private static List<IpRange> ranges(Settings settings, String name) {
        return settings.list(name).stream().map(range -> IpRange.parse(range, name)).toList();
    }

    private static int rateLimit(Settings settings) {
        try {
            int limit = Integer.parseInt(settings.get(RATE_LIMIT));
            if (limit >= 0) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("Setting " + RATE_LIMIT + " must be a whole number, 0 for no limit");
    }

    private static void warnAboutOpenEndpoint(Settings settings, WebhookSecret secret) {
        String host = settings.get("camel.server.host");
        if (!secret.isSet() && !settings.isLoopback("camel.server.host")) {
            LOG.warn("webhook.secret is empty and the relay listens on {}: anyone who finds the URL can post events."
                    + " Set webhook.secret; Tableau's URL then carries it as the token parameter", host);
        } else if (secret.isSet() && settings.get(WebhookSecret.SETTING).length() < SHORT_SECRET) {
            LOG.warn("webhook.secret is shorter than {} characters: use a long random value (openssl rand -hex 32)",
                    SHORT_SECRET);
        }
    }
}
