package io.tableaurelay.operations;

import io.micrometer.core.instrument.MeterRegistry;
import io.tableaurelay.broker.QueueBroker;
import io.tableaurelay.broker.QueueDepths;
import io.tableaurelay.channel.Channel;
import io.tableaurelay.channel.Channels;
import io.tableaurelay.registration.RegistrationStatus;
import io.tableaurelay.security.RejectedRequests;
import io.tableaurelay.storm.Groups;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;

/**
 * Once the channel files are read, before any route takes a message: the relay's metrics, each channel's metrics, and
 * a health check for each channel that is on.
 */
record MetricsAndHealth(MeterRegistry meters, Channels channels, QueueDepths depths, Deliveries deliveries, Groups groups,
        RejectedRequests rejected, QueueBroker broker, RegistrationStatus registration) implements StartupListener {

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        RelayMetrics.register(meters, rejected, broker.duplicates(), registration, depths);
        for (Channel channel : channels.all()) {
            RelayMetrics.registerChannel(meters, depths, groups, channels, channel);
            if (channel.isOn()) {
                ChannelHealthCheck check = new ChannelHealthCheck(channel, deliveries.activity(channel.id()), depths);
                check.setCamelContext(context);
                context.getRegistry().bind("channelHealthCheck-" + channel.id(), check);
            }
        }
    }
}
