package io.tableaurelay.operations;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tableaurelay.broker.QueueBroker;
import io.tableaurelay.broker.QueueDepths;
import io.tableaurelay.channel.Channels;
import io.tableaurelay.registration.Registration;
import io.tableaurelay.registration.RegistrationStatus;
import io.tableaurelay.security.RejectedRequests;
import io.tableaurelay.settings.WhenStopped;
import io.tableaurelay.storm.Groups;
import jakarta.jms.ConnectionFactory;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.spi.Registry;

/**
 * What an operator sees: the Prometheus registry behind {@code /observe/metrics} (shared with the routes'
 * {@code micrometer:} steps), the delivery log ({@code deliveries}), the queue depths, the status summary, a health
 * check per channel that is on, and test messages. What is per channel is set up once the channel files are read,
 * before any route takes a message.
 */
public class OperationsConfiguration implements CamelConfiguration {

    private final Clock clock = Clock.systemUTC();

    /** The delivery log, kept in relay.data-dir across restarts. */
    @BindToRegistry
    public DeliveryLog deliveryLog(CamelContext context, @PropertyInject("delivery-log.size") int size,
            @PropertyInject("relay.data-dir") String dataDir) {
        DeliveryLog log = new DeliveryLog(size);
        DeliveryLogFile file = new DeliveryLogFile(Path.of(dataDir), log);
        file.load();
        ScheduledExecutorService saver = context.getExecutorServiceManager()
                .newSingleThreadScheduledExecutor(file, "DeliveryLogFile");
        saver.scheduleWithFixedDelay(file::saveIfChanged, DeliveryLogFile.SAVE_EVERY_SECONDS,
                DeliveryLogFile.SAVE_EVERY_SECONDS, TimeUnit.SECONDS);
        WhenStopped.run(context, file::saveIfChanged);
        return log;
    }

    @BindToRegistry(lazy = true)
    public Deliveries deliveries(CamelContext context, @BeanInject("deliveryLog") DeliveryLog log) {
        return new Deliveries(log, meterRegistry(context.getRegistry()), clock);
    }

    @BindToRegistry(lazy = true)
    public QueueDepths queueDepths(@BeanInject("brokerConnections") ConnectionFactory broker,
            @BeanInject("channels") Channels channels) {
        return new QueueDepths(broker, () -> channels.all().stream().flatMap(channel -> channel.queues().stream())
                .toList());
    }

    @BindToRegistry(lazy = true)
    public StatusSummary statusSummary(@BeanInject("channels") Channels channels,
            @BeanInject("deliveries") Deliveries deliveries, @BeanInject("queueDepths") QueueDepths depths,
            @BeanInject("groups") Groups groups, @BeanInject("registration") Registration registration,
            @BeanInject("registrationStatus") RegistrationStatus registrationStatus) {
        return new StatusSummary(channels, deliveries, depths, groups, registration, registrationStatus);
    }

    @BindToRegistry
    public TestMessages testMessages() {
        return new TestMessages(clock);
    }

    @BindToRegistry(lazy = true)
    public MetricsAndHealth metricsAndHealth(CamelContext context, @BeanInject("channels") Channels channels,
            @BeanInject("queueDepths") QueueDepths depths, @BeanInject("deliveries") Deliveries deliveries,
            @BeanInject("groups") Groups groups, @BeanInject("rejectedRequests") RejectedRequests rejected,
            @BeanInject("queueBroker") QueueBroker broker,
            @BeanInject("registrationStatus") RegistrationStatus registration) {
        return new MetricsAndHealth(meterRegistry(context.getRegistry()), channels, depths, deliveries, groups,
                rejected, broker, registration);
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        // before Camel's metrics service looks for one
        meterRegistry(context.getRegistry());
        context.addStartupListener(context.getRegistry().lookupByNameAndType("metricsAndHealth",
                MetricsAndHealth.class));
    }

    /** The registry that /observe/metrics serves: Camel's, when it made one already, else a new one for it. */
    private static synchronized MeterRegistry meterRegistry(Registry registry) {
        MeterRegistry existing = registry.lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME, MeterRegistry.class);
        if (existing != null) {
            return existing;
        }
        PrometheusMeterRegistry created = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.bind(MicrometerConstants.METRICS_REGISTRY_NAME, created);
        return created;
    }
}
