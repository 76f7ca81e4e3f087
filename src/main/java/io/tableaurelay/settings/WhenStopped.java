package io.tableaurelay.settings;

import org.apache.camel.CamelContext;
import org.apache.camel.support.LifecycleStrategySupport;

/** Runs a task once the Camel context has stopped, after its routes have finished their work. */
public final class WhenStopped {

    private WhenStopped() {
    }

    public static void run(CamelContext context, Runnable task) {
        context.addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onContextStopped(CamelContext stopped) {
                task.run();
            }
        });
    }
}
