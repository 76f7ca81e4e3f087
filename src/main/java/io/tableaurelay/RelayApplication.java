package io.tableaurelay;

import io.tableaurelay.broker.BrokerConfiguration;
import io.tableaurelay.config.RelayConfiguration;
import io.tableaurelay.operations.OperationsConfiguration;
import io.tableaurelay.registration.RegistrationConfiguration;
import io.tableaurelay.security.SecurityConfiguration;
import org.apache.camel.main.Main;

/**
 * Starts the relay: settings from ./application.properties (overridable by environment variables and -D
 * system properties), routes from ./routes/*.yaml.
 */
public final class RelayApplication {

    public static final String SETTINGS_LOCATION = "file:application.properties;optional=true";
    public static final String ROUTES_PATTERN = "file:routes/*.yaml";

    private RelayApplication() {
    }

    public static void main(String[] args) throws Exception {
        Main main = create();
        main.run(args);
    }

    public static Main create() {
        Main main = new Main();
        main.setDefaultPropertyPlaceholderLocation(SETTINGS_LOCATION);
        main.configure().withRoutesIncludePattern(ROUTES_PATTERN);
        main.configure().addConfiguration(BrokerConfiguration.class);
        main.configure().addConfiguration(SecurityConfiguration.class);
        main.configure().addConfiguration(RelayConfiguration.class);
        main.configure().addConfiguration(RegistrationConfiguration.class);
        main.configure().addConfiguration(OperationsConfiguration.class);
        return main;
    }
}
