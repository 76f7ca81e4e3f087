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
final class MetricsAndHealth implements StartupListener {

    private final MeterRegistry meters;
    private final Channels channels;
    private final QueueDepths depths;
    private final Deliveries deliveries;
    private final Groups groups;
    private final RejectedRequests rejected;
    private final QueueBroker broker;
    private final RegistrationStatus registration;

    MetricsAndHealth(MeterRegistry meters, Channels channels, QueueDepths depths, Deliveries deliveries, Groups groups,
            RejectedRequests rejected, QueueBroker broker, RegistrationStatus registration) {
        this.meters = meters;
        this.channels = channels;
        this.depths = depths;
        this.deliveries = deliveries;
        this.groups = groups;
        this.rejected = rejected;
        this.broker = broker;
        this.registration = registration;
    }

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
