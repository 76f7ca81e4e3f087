package io.tableaurelay.storm;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.tableaurelay.broker.BrokerConfiguration;
import io.tableaurelay.channel.Channels;
import io.tableaurelay.config.Settings;
import io.tableaurelay.config.WhenStopped;
import jakarta.jms.ConnectionFactory;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;

/**
 * Puts the storm handling into the registry: {@code itemOutcomes} (receive: repeats and recoveries), {@code groups}
 * and {@code caps} (the channel template: grouping and caps), with what they remember in relay.data-dir.
 */
public class StormConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        Settings settings = new Settings(context);
        Registry registry = context.getRegistry();
        Channels channels = registry.lookupByNameAndType("channels", Channels.class);
        ConnectionFactory broker = registry.lookupByNameAndType(BrokerConfiguration.CONNECTIONS, ConnectionFactory.class);
        StormState state = new StormState(Path.of(settings.get("relay.data-dir", "data")));
        context.getExecutorServiceManager().newSingleThreadScheduledExecutor(state, "StormState")
                .scheduleWithFixedDelay(state::sync, 1, 1, TimeUnit.SECONDS);
        WhenStopped.run(context, state::close);
        Clock clock = Clock.systemUTC();
        Duration capWindow = settings.duration("cap-window", "1h");
        Groups groups = new Groups(channels, broker, capWindow, settings.duration("group-sweep-interval", "1m"), clock);
        registry.bind("itemOutcomes", new ItemOutcomes(state, settings.duration("repeat-interval", "4h"), clock));
        registry.bind("groups", groups);
        registry.bind("caps", new Caps(channels, groups, state, capWindow, clock));
    }
}
