package io.tableaurelay.event;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.component.platform.http.PlatformHttpComponent;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpEngine;

/** What the receive route makes of a request: {@code eventParser} and {@code eventHeaders}; and its server's port. */
public class EventConfiguration implements CamelConfiguration {

    @PropertyInject("camel.server.port")
    private int port;

    @BindToRegistry
    public TableauEventParser eventParser() {
        return new TableauEventParser();
    }

    @BindToRegistry
    public EventHeaders eventHeaders() {
        return new EventHeaders();
    }

    /**
     * Camel 4.17 finds the public server's port by looking for the one HTTP server; with the management server
     * running too it finds two and falls back to 8080. Name the port explicitly.
     */
    @Override
    public void configure(CamelContext context) {
        int webhookPort = port;
        VertxPlatformHttpEngine engine = new VertxPlatformHttpEngine() {
            @Override
            public int getServerPort() {
                return webhookPort;
            }
        };
        engine.setCamelContext(context);
        context.getComponent("platform-http", PlatformHttpComponent.class).setEngine(engine);
    }
}
