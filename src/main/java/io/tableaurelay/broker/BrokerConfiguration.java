package io.tableaurelay.broker;

import java.nio.file.Path;

import io.tableaurelay.channel.Channel;
import io.tableaurelay.channel.Channels;
import io.tableaurelay.config.Settings;
import jakarta.jms.ConnectionFactory;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.component.jms.JmsMessageType;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.connection.CachingConnectionFactory;

/**
 * Connects the {@code jms:} component to Artemis: the broker at {@code broker.url} when set, otherwise a
 * broker embedded in the relay with its journal under {@code relay.data-dir}. Routes use {@code jms:} the
 * same way in both cases.
 */
public class BrokerConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerConfiguration.class);
    /** Events stored side by side: their sends share the journal's syncs. */
    private static final int STORE_THREADS = 8;
    /** The registry name of the broker's shared connection, for the operations that look into the queues. */
    public static final String CONNECTIONS = "brokerConnections";

    @Override
    public void configure(CamelContext context) throws Exception {
        Settings settings = new Settings(context);
        ActiveMQConnectionFactory connectionFactory;
        ActiveMQConnectionFactory storeFactory;
        EmbeddedBroker broker = null;
        var registry = context.getRegistry();
        if (settings.isSet("broker.url")) {
            String username = emptyToNull(settings.get("broker.username"));
            String password = emptyToNull(settings.get("broker.password"));
            connectionFactory = client(settings.get("broker.url"), username, password);
            storeFactory = client(settings.get("broker.url"), username, password);
            registry.bind("brokerHealthCheck", new BrokerHealthCheck(settings.get("broker.url"), username, password));
            LOG.info("Queues are on the external broker set by broker.url");
        } else {
            Path dataDir = Path.of(settings.get("relay.data-dir", "data"));
            DuplicateEvents duplicates = new DuplicateEvents();
            broker = new EmbeddedBroker(dataDir, Integer.parseInt(settings.get("dedup.cache-size")),
                    Integer.parseInt(settings.get("broker.max-disk-usage")), duplicates);
            broker.start();
            connectionFactory = client(broker.url(), null, null);
            // each queue's consumers prefetch as the embedded broker says for the queue (none, or a channel's second)
            connectionFactory.setConsumerWindowSize(ActiveMQClient.DEFAULT_CONSUMER_WINDOW_SIZE);
            prefetchByRate(context, broker);
            storeFactory = client(broker.url(), null, null);
            registry.bind("duplicateEvents", duplicates);
            registry.bind("brokerHealthCheck", new BrokerHealthCheck(broker.url(), null, null));
            LOG.info("Queues are on the embedded broker, stored in {}; the journal writes with {}",
                    dataDir.toAbsolutePath().normalize(), broker.journalType());
        }
        // the channels' consumers: with the embedded broker, whose channels take messages ahead, a fast channel
        // acknowledges many at once
        boolean embedded = broker != null;
        registry.bind("acknowledgeInBatches", new AcknowledgeInBatches(queue -> embedded
                ? context.getRegistry().lookupByNameAndType("channels", Channels.class).get(queue).acknowledgeEvery() : 1));
        CachingConnectionFactory shared = cached(connectionFactory);
        context.addComponent("jms", jmsComponent(shared));
        StoreConnection storeConnection = new StoreConnection(storeFactory,
                context.getExecutorServiceManager().newFixedThreadPool(this, "StoreEvents", STORE_THREADS));
        registry.bind("channelQueues", new ChannelQueues(storeConnection,
                Integer.parseInt(settings.get("webhook.max-in-flight")),
                settings.duration("webhook.store-timeout", null),
                context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "StoreTimeouts")));
        closeAfterCamel(context, shared, storeConnection, broker);
        registry.bind(CONNECTIONS, shared);
    }

    /** Once the channels are known: each channel's consumers take about a second's worth of its messages ahead. */
    private static void prefetchByRate(CamelContext context, EmbeddedBroker broker) {
        context.getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                for (Channel channel : context.getRegistry().lookupByNameAndType("channels", Channels.class).on()) {
                    broker.prefetch(channel.id(), channel.prefetchBytes());
                }
            }

            @Override
            public boolean isEnabled(CamelEvent event) {
                return event.getType() == CamelEvent.Type.RoutesStarting;
            }
        });
    }

    /** The relay's client of the broker at {@code url} (also what bench/BrokerAlone.java measures). */
    public static ActiveMQConnectionFactory client(String url, String username, String password) {
        ActiveMQConnectionFactory connectionFactory = new ActiveMQConnectionFactory(url, username, password);
        // No prefetching: a message waits in the broker, where any instance can take it, not in one
        // instance's buffer (the embedded broker's channels prefetch by their rate, see prefetchByRate).
        connectionFactory.setConsumerWindowSize(0);
        connectionFactory.setReconnectAttempts(5);
        connectionFactory.setRetryInterval(500);
        connectionFactory.setCallTimeout(5000);
        // a queue looked up once per session, not asked of the broker before every send
        connectionFactory.setCacheDestinations(true);
        return connectionFactory;
    }

    private static CachingConnectionFactory cached(ConnectionFactory connectionFactory) {
        CachingConnectionFactory cached = new CachingConnectionFactory(connectionFactory);
        // more than the webhook server's worker threads (20), each of which stores events at the same time
        cached.setSessionCacheSize(64);
        cached.setReconnectOnException(true);
        // consumers made for one look (a group's held messages by selector, a queue depth's reply queue) are closed
        // after it, not kept open in a cache that would grow with every selector
        cached.setCacheConsumers(false);
        return cached;
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

    /** Once Camel has stopped: the shared connection, then the embedded broker, if there is one. */
    private static void closeAfterCamel(CamelContext context, CachingConnectionFactory connection,
            StoreConnection storeConnection, EmbeddedBroker broker) {
        context.getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                connection.destroy();
                storeConnection.close();
                if (broker != null) {
                    broker.stop();
                }
            }

            @Override
            public boolean isEnabled(CamelEvent event) {
                return event.getType() == CamelEvent.Type.CamelContextStopped;
            }
        });
    }

    private static String emptyToNull(String value) {
        return value.isEmpty() ? null : value;
    }
}
