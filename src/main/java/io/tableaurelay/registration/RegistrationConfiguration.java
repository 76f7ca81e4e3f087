package io.tableaurelay.registration;

import java.time.Clock;

import io.tableaurelay.channel.Channels;
import io.tableaurelay.settings.Settings;
import io.tableaurelay.settings.WhenStopped;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tableau: {@code tableauItems}, which each channel route asks about an event's item (its link, project and owner);
 * and for the register route {@code registration} (is it on?), {@code registrationStatus} and, when registration is
 * on, {@code webhookReconciler} (one run). Says in the startup log whether registration and the links are on.
 */
public class RegistrationConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(RegistrationConfiguration.class);

    @BindToRegistry
    public TableauItems tableauItems(CamelContext context) {
        Settings settings = new Settings(context);
        TableauItems items = TableauItems.from(settings, Clock.systemUTC());
        if (settings.isSet("tableau.server-url")) {
            LOG.info(items.startupLine());
        }
        WhenStopped.run(context, items::close);
        return items;
    }

    /** Why a refresh failed, asked of Tableau in the session of the item look-ups, waited for tableau.reason-wait. */
    @BindToRegistry(lazy = true)
    public FailedRefreshes failedRefreshes(CamelContext context, @BeanInject("tableauItems") TableauItems items) {
        FailedRefreshes failedRefreshes = new FailedRefreshes(items,
                new Settings(context).duration("tableau.reason-wait"));
        WhenStopped.run(context, failedRefreshes::close);
        return failedRefreshes;
    }

    @BindToRegistry
    public Registration registration(CamelContext context) {
        Registration registration = Registration.from(new Settings(context));
        if (!registration.isOn()) {
            if (registration.isDeliberatelyOff()) {
                LOG.info(registration.describe());
            } else {
                LOG.warn(registration.describe());
            }
            return registration;
        }
        LOG.info(registration.describe());
        if (!registration.warning().isEmpty()) {
            LOG.warn(registration.warning());
        }
        WantedEvents.unknown(registration.events()).forEach(event -> LOG.warn(
                "tableau.events names {}, which the relay does not know; Tableau may refuse it", event));
        return registration;
    }

    @BindToRegistry
    public RegistrationStatus registrationStatus() {
        return new RegistrationStatus(Clock.systemUTC());
    }

    /** One reconciliation of Tableau's webhooks with the channels that are on; none when registration is off. */
    @BindToRegistry(lazy = true)
    public WebhookReconciler webhookReconciler(@BeanInject("registration") Registration registration,
            @BeanInject("channels") Channels channels, @BeanInject("registrationStatus") RegistrationStatus status) {
        if (!registration.isOn()) {
            throw new IllegalStateException("registration is off: " + registration.describe());
        }
        TableauRestClient client = new TableauRestClient(registration.serverUrl(), registration.apiVersion());
        return new WebhookReconciler(registration, client, () -> WantedEvents.of(registration.events(), channels.on()),
                status);
    }

    /** A project filter, or a site named by its content URL, needs the lookups: without them it takes everything. */
    @Override
    public void configure(CamelContext context) throws Exception {
        context.addStartupListener((started, alreadyStarted) -> {
            TableauItems items = started.getRegistry().lookupByNameAndType("tableauItems", TableauItems.class);
            Channels channels = started.getRegistry().lookupByNameAndType("channels", Channels.class);
            if (items.isOn()) {
                return;
            }
            channels.on().stream().filter(channel -> channel.filter().filtersOnTableauDetails()).forEach(channel ->
                    LOG.warn("{} filters on projects or site names, which only Tableau can tell: without a Tableau "
                            + "sign-in (tableau.server-url, tableau.pat-name and tableau.pat-secret) it takes every "
                            + "event", channel.name()));
        });
    }
}
