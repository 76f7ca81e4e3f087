package io.tableaurelay.settings;

import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * Adds handlers to the Vert.x router of one of the relay's HTTP servers (the webhook port or the management
 * port), once Camel has started and the router exists.
 */
public abstract class RouterSetup implements StartupListener {

    private final int port;

    protected RouterSetup(int port) {
        this.port = port;
    }

    protected int port() {
        return port;
    }

    /** Adds the handlers. */
    protected abstract void setUp(CamelContext context, VertxPlatformHttpRouter router);

    /** Called instead of {@link #setUp} when no HTTP server listens on the port. */
    protected void noServer() {
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // the servers' routers exist once the context is fully started
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context,
                VertxPlatformHttpRouter.getRouterNameFromPort(port));
        if (router == null) {
            noServer();
        } else {
            setUp(context, router);
        }
    }
}
