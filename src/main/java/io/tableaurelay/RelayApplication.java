package io.tableaurelay;

import java.util.List;

import io.tableaurelay.action.ActionConfiguration;
import io.tableaurelay.admin.AdminConfiguration;
import io.tableaurelay.broker.BrokerConfiguration;
import io.tableaurelay.channel.ChannelConfiguration;
import io.tableaurelay.delivery.DeliveryConfiguration;
import io.tableaurelay.event.EventConfiguration;
import io.tableaurelay.message.MessageConfiguration;
import io.tableaurelay.message.email.EmailConfiguration;
import io.tableaurelay.message.http.HttpConfiguration;
import io.tableaurelay.message.slack.SlackConfiguration;
import io.tableaurelay.message.sms.SmsConfiguration;
import io.tableaurelay.message.teams.TeamsConfiguration;
import io.tableaurelay.operations.OperationsConfiguration;
import io.tableaurelay.registration.RegistrationConfiguration;
import io.tableaurelay.security.SecurityConfiguration;
import io.tableaurelay.settings.RootCause;
import io.tableaurelay.silence.SilenceConfiguration;
import io.tableaurelay.storm.StormConfiguration;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.main.Main;
import org.slf4j.LoggerFactory;

/**
 * Starts the relay: settings from ./application.properties (overridable by environment variables and -D
 * system properties), routes from ./routes/*.yaml.
 */
public final class RelayApplication {

    public static final String SETTINGS_LOCATION = "file:application.properties;optional=true";
    public static final String ROUTES_PATTERN = "file:routes/*.yaml";

    private RelayApplication() {
    }

    /** Runs the relay until it is stopped; a relay that cannot start says why in one line and exits with 1. */
    public static void main(String[] args) throws Exception {
        Main main = create();
        try {
            main.run(args);
        } catch (Exception e) {
            LoggerFactory.getLogger(RelayApplication.class).error("The relay could not start: {}", RootCause.of(e).getMessage());
            System.exit(1);
        }
    }


    public static Main create() {
        Main main = new Main();
        main.setDefaultPropertyPlaceholderLocation(SETTINGS_LOCATION);
        main.configure().withRoutesIncludePattern(ROUTES_PATTERN);
        // each package's beans (@BindToRegistry), in no particular order: a bean names the beans it needs. (Given as
        // classes, Camel 4.17 would make their eager beans twice.)
        for (CamelConfiguration configuration : List.of(new EventConfiguration(), new SecurityConfiguration(),
                new ChannelConfiguration(), new MessageConfiguration(), new SlackConfiguration(), new SmsConfiguration(),
                new HttpConfiguration(), new TeamsConfiguration(), new EmailConfiguration(), new BrokerConfiguration(),
                new DeliveryConfiguration(), new StormConfiguration(), new RegistrationConfiguration(),
                new ActionConfiguration(), new SilenceConfiguration(), new OperationsConfiguration(),
                new AdminConfiguration())) {
            main.configure().addConfiguration(configuration);
        }
        return main;
    }
}
