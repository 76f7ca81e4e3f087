package io.tableaurelay.registration;

import java.time.Clock;

import io.tableaurelay.channel.Channels;
import io.tableaurelay.config.Settings;
import io.tableaurelay.config.WhenStopped;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the registration settings, says in the startup log whether registration is on, and puts the beans
 * of the register route into the registry: {@code registration} (is it on?) and {@code webhookReconciler}
 * (one run). When it is on, it also schedules the runs. It also binds {@code tableauItems}, which each channel route asks
 * about an event's item in Tableau (its link, project and owner).
 */
public class RegistrationConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(RegistrationConfiguration.class);

    @Override
    public void configure(CamelContext context) throws Exception {
        Settings settings = new Settings(context);
        bindTableauItems(context, TableauItems.from(settings, Clock.systemUTC()), settings.isSet("tableau.server-url"));
        Registration registration = Registration.from(settings);
        RegistrationStatus status = new RegistrationStatus(Clock.systemUTC());
        context.getRegistry().bind("registration", registration);
        context.getRegistry().bind("registrationStatus", status);
        if (!registration.isOn()) {
            if (registration.isDeliberatelyOff()) {
                LOG.info(registration.describe());
            } else {
                LOG.warn(registration.describe());
            }
            return;
        }
        LOG.info(registration.describe());
        if (!registration.warning().isEmpty()) {
            LOG.warn(registration.warning());
        }
        WantedEvents.unknown(registration.events()).forEach(event -> LOG.warn(
                "tableau.events names {}, which the relay does not know; Tableau may refuse it", event));

        TableauRestClient client = new TableauRestClient(registration.serverUrl(), registration.apiVersion());
        context.getRegistry().bind("webhookReconciler", new WebhookReconciler(registration, client,
                () -> WantedEvents.of(registration.events(),
                        context.getRegistry().lookupByNameAndType("channels", Channels.class).on()), status));
    }

    /** Says whether messages link to Tableau, unless Tableau is not set up at all (registration says that). */
    private static void bindTableauItems(CamelContext context, TableauItems items, boolean tableauSetUp)
            throws Exception {
        if (tableauSetUp) {
            LOG.info(items.startupLine());
        }
        context.getRegistry().bind("tableauItems", items);
        WhenStopped.run(context, items::close);
        if (!items.isOn()) {
            context.addStartupListener((started, alreadyStarted) -> warnAboutFiltersThatNeedTableau(
                    started.getRegistry().lookupByNameAndType("channels", Channels.class)));
        }
    }

    /** A project filter, or a site named by its content URL, needs the lookups: without them it takes everything. */
    private static void warnAboutFiltersThatNeedTableau(Channels channels) {
        channels.on().stream().filter(channel -> channel.filter().filtersOnTableauDetails()).forEach(channel -> LOG.warn(
                "{} filters on projects or site names, which only Tableau can tell: without a Tableau sign-in "
                        + "(tableau.server-url, tableau.pat-name and tableau.pat-secret) it takes every event",
                channel.name()));
    }
}
