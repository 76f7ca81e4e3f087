package io.tableaurelay.operations;

import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tableaurelay.admin.AdminApi;
import io.tableaurelay.broker.DuplicateEvents;
import io.tableaurelay.broker.QueueDepths;
import io.tableaurelay.channel.Channel;
import io.tableaurelay.config.Settings;
import io.tableaurelay.config.WhenStopped;
import io.tableaurelay.delivery.DeadLetters;
import io.tableaurelay.event.EventHeaders;
import io.tableaurelay.registration.Registration;
import io.tableaurelay.registration.RegistrationStatus;
import io.tableaurelay.security.RejectedRequests;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.spi.Registry;

/**
 * What an operator sees: the Prometheus registry behind {@code /observe/metrics} (shared with the routes'
 * {@code micrometer:} steps), the delivery log, a health check per channel that is on, and the admin endpoints
 * with the status page. Runs after the other configurations, whose beans it reads.
 */
public class OperationsConfiguration implements CamelConfiguration {

    private static final List<String> CHANNELS = List.of("slack", "sms", "ifttt");

    @Override
    public void configure(CamelContext context) {
        Settings settings = new Settings(context);
        Registry registry = context.getRegistry();
        MeterRegistry meters = meterRegistry(registry);
        QueueDepths depths = registry.lookupByNameAndType("queueDepths", QueueDepths.class);
        RegistrationStatus registrationStatus = registry.lookupByNameAndType("registrationStatus", RegistrationStatus.class);

        DeliveryLog log = new DeliveryLog(Integer.parseInt(settings.get("delivery-log.size", "1000")));
        keepAcrossRestarts(context, new DeliveryLogFile(Path.of(settings.get("relay.data-dir", "data")), log));
        Deliveries deliveries = new Deliveries(log, CHANNELS, meters, Clock.systemUTC());
        registry.bind("deliveries", deliveries);
        registry.bind("eventHeaders", new EventHeaders());
        registry.bind("testMessages", new TestMessages(Clock.systemUTC()));

        Map<String, Channel> channels = new LinkedHashMap<>();
        for (String id : CHANNELS) {
            Channel channel = registry.lookupByNameAndType(id + "Channel", Channel.class);
            channels.put(id, channel);
            if (channel.isOn()) {
                registry.bind("channelHealthCheck-" + id, new ChannelHealthCheck(id, deliveries.activity(id), depths));
            }
        }
        RelayMetrics.register(meters, registry.lookupByNameAndType("rejectedRequests", RejectedRequests.class),
                registry.lookupByNameAndType("duplicateEvents", DuplicateEvents.class), registrationStatus, depths);

        StatusSummary status = new StatusSummary(channels, deliveries, depths,
                registry.lookupByNameAndType("registration", Registration.class), registrationStatus);
        try {
            context.addStartupListener(new AdminApi(registry.lookupByNameAndType("deadLetters", DeadLetters.class),
                    log, status, settings));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
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
