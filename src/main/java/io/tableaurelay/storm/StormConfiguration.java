package io.tableaurelay.storm;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

import io.tableaurelay.channel.Channels;
import io.tableaurelay.settings.Settings;
import io.tableaurelay.settings.WhenStopped;
import jakarta.jms.ConnectionFactory;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;

/**
 * The storm handling: {@code itemOutcomes} (receive: repeats and recoveries), {@code groups} and {@code caps} (the
 * channel template: grouping and caps), with what they remember in relay.data-dir.
 */
public class StormConfiguration implements CamelConfiguration {

    private final Clock clock = Clock.systemUTC();

    @BindToRegistry
    public StormState stormState(CamelContext context, @PropertyInject("relay.data-dir") String dataDir) {
        StormState state = new StormState(Path.of(dataDir));
        context.getExecutorServiceManager().newSingleThreadScheduledExecutor(state, "StormState")
                .scheduleWithFixedDelay(state::sync, 1, 1, TimeUnit.SECONDS);
        WhenStopped.run(context, state::close);
        return state;
    }

    @BindToRegistry(lazy = true)
    public ItemOutcomes itemOutcomes(CamelContext context, @BeanInject("stormState") StormState state) {
        return new ItemOutcomes(state, new Settings(context).duration("repeat-interval"), clock);
    }

    @BindToRegistry(lazy = true)
    public Groups groups(CamelContext context, @BeanInject("channels") Channels channels,
            @BeanInject("brokerConnections") ConnectionFactory broker) {
        Settings settings = new Settings(context);
        return new Groups(channels, broker, settings.duration("cap-window"), settings.duration("group-sweep-interval"),
                clock);
    }

    @BindToRegistry(lazy = true)
    public Maintenance maintenance(CamelContext context, @BeanInject("channels") Channels channels,
            @BeanInject("groups") Groups groups) {
        return new Maintenance(channels, groups, new Settings(context), clock);
    }

    @BindToRegistry(lazy = true)
    public Caps caps(CamelContext context, @BeanInject("channels") Channels channels,
            @BeanInject("groups") Groups groups, @BeanInject("stormState") StormState state) {
        return new Caps(channels, groups, state, new Settings(context).duration("cap-window"), clock);
    }

    /** The channels' maintenance windows are read at startup: one written wrongly stops the relay. */
    @Override
    public void configure(CamelContext context) throws Exception {
        context.addStartupListener((started, alreadyStarted) ->
                started.getRegistry().lookupByNameAndType("maintenance", Maintenance.class).check());
    }
}
