package io.tableaurelay;

import io.tableaurelay.broker.BrokerConfiguration;
import io.tableaurelay.config.RelayConfiguration;
import io.tableaurelay.config.RootCause;
import io.tableaurelay.operations.OperationsConfiguration;
import io.tableaurelay.registration.RegistrationConfiguration;
import io.tableaurelay.security.SecurityConfiguration;
import io.tableaurelay.storm.StormConfiguration;
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
        main.configure().addConfiguration(BrokerConfiguration.class);
        main.configure().addConfiguration(SecurityConfiguration.class);
        main.configure().addConfiguration(RelayConfiguration.class);
        main.configure().addConfiguration(StormConfiguration.class);
        main.configure().addConfiguration(RegistrationConfiguration.class);
        main.configure().addConfiguration(OperationsConfiguration.class);
        return main;
    }
}
