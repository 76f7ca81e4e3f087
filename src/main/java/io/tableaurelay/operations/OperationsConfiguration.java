package io.tableaurelay.operations;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tableaurelay.admin.AdminApi;
import io.tableaurelay.broker.BrokerConfiguration;
import io.tableaurelay.broker.DuplicateEvents;
import io.tableaurelay.broker.QueueDepths;
import io.tableaurelay.channel.Channel;
import io.tableaurelay.channel.Channels;
import io.tableaurelay.config.Settings;
import io.tableaurelay.config.WhenStopped;
import io.tableaurelay.delivery.DeadLetters;
import io.tableaurelay.event.EventHeaders;
import io.tableaurelay.registration.Registration;
import io.tableaurelay.registration.RegistrationStatus;
import io.tableaurelay.security.RejectedRequests;
import io.tableaurelay.storm.Groups;
import jakarta.jms.ConnectionFactory;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.spi.Registry;

/**
 * What an operator sees: the Prometheus registry behind {@code /observe/metrics} (shared with the routes'
 * {@code micrometer:} steps), the delivery log, the queue depths and dead letters, a health check per channel that
 * is on, and the admin endpoints with the status page. Runs after the other configurations, whose beans it reads;
 * what is per channel is set up once the channel files are read, before any route takes a message.
 */
public class OperationsConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) throws Exception {
        Settings settings = new Settings(context);
        Registry registry = context.getRegistry();
        MeterRegistry meters = meterRegistry(registry);
        Channels channels = registry.lookupByNameAndType("channels", Channels.class);
        ConnectionFactory broker = registry.lookupByNameAndType(BrokerConfiguration.CONNECTIONS, ConnectionFactory.class);
        QueueDepths depths = new QueueDepths(broker, () -> queues(channels));
        Groups groups = registry.lookupByNameAndType("groups", Groups.class);
        RegistrationStatus registrationStatus = registry.lookupByNameAndType("registrationStatus", RegistrationStatus.class);

        DeliveryLog log = new DeliveryLog(Integer.parseInt(settings.get("delivery-log.size", "1000")));
        keepAcrossRestarts(context, new DeliveryLogFile(Path.of(settings.get("relay.data-dir", "data")), log));
        Deliveries deliveries = new Deliveries(log, meters, Clock.systemUTC());
        registry.bind("deliveries", deliveries);
        registry.bind("eventHeaders", new EventHeaders());
        registry.bind("testMessages", new TestMessages(Clock.systemUTC()));

        RelayMetrics.register(meters, registry.lookupByNameAndType("rejectedRequests", RejectedRequests.class),
                registry.lookupByNameAndType("duplicateEvents", DuplicateEvents.class), registrationStatus, depths);
        context.addStartupListener((started, alreadyStarted) -> {
            for (Channel channel : channels.all()) {
                RelayMetrics.registerChannel(meters, depths, groups, channels, channel.id());
                if (channel.isOn()) {
                    ChannelHealthCheck check = new ChannelHealthCheck(channel.id(), deliveries.activity(channel.id()), depths);
                    check.setCamelContext(started);
                    registry.bind("channelHealthCheck-" + channel.id(), check);
                }
            }
        });

        StatusSummary status = new StatusSummary(channels, deliveries, depths, groups,
                registry.lookupByNameAndType("registration", Registration.class), registrationStatus);
        context.addStartupListener(new AdminApi(new DeadLetters(broker), log, status, channels, settings));
    }

    /** The queues the relay uses: each channel's queue, held events and dead-letter queue. */
    private static List<String> queues(Channels channels) {
        List<String> queues = new ArrayList<>();
        for (String id : channels.ids()) {
            queues.addAll(List.of(id, id + ".held", "DLQ." + id));
        }
        return queues;
    }

    private static void keepAcrossRestarts(CamelContext context, DeliveryLogFile file) {
        file.load();
        ScheduledExecutorService saver = context.getExecutorServiceManager()
                .newSingleThreadScheduledExecutor(file, "DeliveryLogFile");
        saver.scheduleWithFixedDelay(file::saveIfChanged, DeliveryLogFile.SAVE_EVERY_SECONDS,
                DeliveryLogFile.SAVE_EVERY_SECONDS, TimeUnit.SECONDS);
        WhenStopped.run(context, file::saveIfChanged);
    }

    /** The registry that /observe/metrics serves: Camel's, when it made one already, else a new one for it. */
    private static MeterRegistry meterRegistry(Registry registry) {
        MeterRegistry existing = registry.lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME, MeterRegistry.class);
        if (existing != null) {
            return existing;
        }
        PrometheusMeterRegistry created = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.bind(MicrometerConstants.METRICS_REGISTRY_NAME, created);
        return created;
    }
}
