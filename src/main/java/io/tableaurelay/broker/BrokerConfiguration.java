package io.tableaurelay.broker;

import java.time.Duration;

import io.tableaurelay.channel.Channel;
import io.tableaurelay.channel.Channels;
import io.tableaurelay.settings.Settings;
import io.tableaurelay.settings.WhenStopped;
import jakarta.jms.ConnectionFactory;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.component.jms.JmsMessageType;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.SimpleEventNotifierSupport;
import org.springframework.jms.connection.CachingConnectionFactory;

/**
 * The queues: the {@code jms:} component that routes use the same way with the embedded or an external broker
 * ({@link QueueBroker}), the store of the receive route ({@code channelQueues}), the channels' consumers
 * ({@code acknowledgeInBatches}) and the shared connection that operations look into the queues with.
 */
public class BrokerConfiguration implements CamelConfiguration {

    /** Events stored side by side: their sends share the journal's syncs. */
    private static final int STORE_THREADS = 8;

    @BindToRegistry
    public QueueBroker queueBroker(CamelContext context) {
        return QueueBroker.start(new Settings(context));
    }

    /** The broker's shared connection, for the routes and for the operations that look into the queues. */
    @BindToRegistry(lazy = true)
    public CachingConnectionFactory brokerConnections(@BeanInject("queueBroker") QueueBroker broker) {
        CachingConnectionFactory cached = new CachingConnectionFactory(broker.client());
        broker.closedOnStop(cached::destroy);
        // more than the webhook server's worker threads (20), each of which stores events at the same time
        cached.setSessionCacheSize(64);
        cached.setReconnectOnException(true);
        // consumers made for one look (a group's held messages by selector, a queue depth's reply queue) are closed
        // after it, not kept open in a cache that would grow with every selector
        cached.setCacheConsumers(false);
        return cached;
    }

    @BindToRegistry(lazy = true)
    public ChannelQueues channelQueues(CamelContext context, @BeanInject("queueBroker") QueueBroker broker,
            @PropertyInject("webhook.max-in-flight") int maxInFlight) {
        StoreConnection store = broker.closedOnStop(new StoreConnection(broker.client(),
                context.getExecutorServiceManager().newFixedThreadPool(this, "StoreEvents", STORE_THREADS)));
        Duration timeout = new Settings(context).duration("webhook.store-timeout");
        return new ChannelQueues(store, maxInFlight, timeout,
                context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "StoreTimeouts"));
    }

    /**
     * The channels' consumers: with the embedded broker, whose channels take messages ahead, a fast channel
     * acknowledges many at once.
     */
    @BindToRegistry(lazy = true)
    public AcknowledgeInBatches acknowledgeInBatches(@BeanInject("queueBroker") QueueBroker broker,
            @BeanInject("channels") Channels channels) {
        boolean embedded = broker.embedded() != null;
        return new AcknowledgeInBatches(queue -> embedded ? channels.get(queue).acknowledgeEvery() : 1);
    }

    @BindToRegistry(lazy = true)
    public BrokerHealthCheck brokerHealthCheck(@BeanInject("queueBroker") QueueBroker broker) {
        return broker.healthCheck();
    }

    @Override
    public void configure(CamelContext context) {
        QueueBroker broker = context.getRegistry().lookupByNameAndType("queueBroker", QueueBroker.class);
        context.addComponent("jms", jmsComponent(context.getRegistry().lookupByNameAndType("brokerConnections",
                ConnectionFactory.class)));
        if (broker.embedded() != null) {
            prefetchByRate(context, broker.embedded());
        }
        // once Camel has stopped: the relay's connections, then the embedded broker, if there is one
        WhenStopped.run(context, broker::stop);
    }

    /** Once the channels are known: each channel's consumers take about a second's worth of its messages ahead. */
    private static void prefetchByRate(CamelContext context, EmbeddedBroker broker) {
        context.getManagementStrategy().addEventNotifier(new SimpleEventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                for (Channel channel : context.getRegistry().lookupByNameAndType("channels", Channels.class).on()) {
                    broker.prefetch(channel.queue(), channel.prefetchBytes());
                }
            }

            @Override
            public boolean isEnabled(CamelEvent event) {
                return event.getType() == CamelEvent.Type.RoutesStarting;
            }
        });
    }

    /**
     * Local JMS transactions on each consumer's own session: a message leaves a queue only when the route
     * that took it has finished with it, and a crash or an unhandled error puts it back. (An external
     * transaction manager would commit on another session than the cached consumer's and so could lose a
     * message in flight.)
     */
    private static JmsComponent jmsComponent(ConnectionFactory connectionFactory) {
        JmsComponent jms = new JmsComponent();
        jms.setConnectionFactory(connectionFactory);
        jms.setTransacted(true);
        jms.setLazyCreateTransactionManager(false);
        jms.setCacheLevelName("CACHE_CONSUMER");
        jms.setDeliveryPersistent(true);
        jms.getConfiguration().setJmsMessageType(JmsMessageType.Text);
        return jms;
    }
}
