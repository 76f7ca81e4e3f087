package io.tableaurelay.silence;

import java.time.Clock;

import io.tableaurelay.channel.Channels;
import jakarta.jms.ConnectionFactory;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/** The silences ({@code silences}): kept in the broker, read once the relay has started. */
public class SilenceConfiguration implements CamelConfiguration {

    @BindToRegistry(lazy = true)
    public Silences silences(@BeanInject("channels") Channels channels,
            @BeanInject("brokerConnections") ConnectionFactory broker) {
        return new Silences(new SilenceStore(broker), channels, Clock.systemUTC());
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        context.addStartupListener((started, alreadyStarted) ->
                started.getRegistry().lookupByNameAndType("silences", Silences.class).reload());
    }
}
