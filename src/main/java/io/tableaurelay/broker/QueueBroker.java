package io.tableaurelay.broker;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.tableaurelay.settings.Settings;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker that holds the relay's queues: the one at {@code broker.url} when it is set, otherwise one embedded in
 * the relay with its journal under {@code relay.data-dir}, started at once. Makes the relay's clients of it.
 */
public final class QueueBroker {

    private static final Logger LOG = LoggerFactory.getLogger(QueueBroker.class);

    private final String url;
    private final String username;
    private final String password;
    private final EmbeddedBroker embedded;
    private final List<AutoCloseable> clients = new CopyOnWriteArrayList<>();

    private QueueBroker(String url, String username, String password, EmbeddedBroker embedded) {
        this.url = url;
        this.username = username;
        this.password = password;
        this.embedded = embedded;
    }

    public static QueueBroker start(Settings settings) {
        if (settings.isSet("broker.url")) {
            LOG.info("Queues are on the external broker set by broker.url");
            return new QueueBroker(settings.get("broker.url"), emptyToNull(settings.get("broker.username")),
                    emptyToNull(settings.get("broker.password")), null);
        }
        Path dataDir = Path.of(settings.get("relay.data-dir"));
        EmbeddedBroker broker = new EmbeddedBroker(dataDir, Integer.parseInt(settings.get("dedup.cache-size")),
                Integer.parseInt(settings.get("broker.max-disk-usage")), new DuplicateEvents());
        broker.start();
        LOG.info("Queues are on the embedded broker, stored in {}; the journal writes with {}",
                dataDir.toAbsolutePath().normalize(), broker.journalType());
        return new QueueBroker(broker.url(), null, null, broker);
    }

    /** The embedded broker, or null when the queues are on an external one. */
    EmbeddedBroker embedded() {
        return embedded;
    }

    /**
     * A client of the broker. With the embedded broker, each queue's consumers prefetch as the broker says for the
     * queue (none, or a channel's second); with an external one, consumers take nothing ahead.
     */
    ActiveMQConnectionFactory client() {
        ActiveMQConnectionFactory factory = client(url, username, password);
        if (embedded != null) {
            factory.setConsumerWindowSize(ActiveMQClient.DEFAULT_CONSUMER_WINDOW_SIZE);
        }
        return factory;
    }

    /** Copies of events the embedded broker dropped; null with an external broker, whose own plugin counts them. */
    public DuplicateEvents duplicates() {
        return embedded == null ? null : embedded.duplicates();
    }

    BrokerHealthCheck healthCheck() {
        return new BrokerHealthCheck(url, username, password);
    }

    /** Closes the client when the broker stops, before an embedded broker goes down. */
    <T extends AutoCloseable> T closedOnStop(T client) {
        clients.add(client);
        return client;
    }

    /** Closes the relay's clients, then the embedded broker, if there is one. */
    void stop() {
        for (AutoCloseable client : clients) {
            try {
                client.close();
            } catch (Exception e) {
                LOG.warn("Could not close a client of the broker: {}", e.getMessage());
            }
        }
        if (embedded != null) {
            embedded.stop();
        }
    }

    /** The relay's client of the broker at {@code url} (also what bench/BrokerAlone.java measures). */
    public static ActiveMQConnectionFactory client(String url, String username, String password) {
        ActiveMQConnectionFactory connectionFactory = new ActiveMQConnectionFactory(url, username, password);
        // No prefetching: a message waits in the broker, where any instance can take it, not in one
        // instance's buffer (the embedded broker's channels prefetch by their rate, see BrokerConfiguration).
        connectionFactory.setConsumerWindowSize(0);
        connectionFactory.setReconnectAttempts(5);
        connectionFactory.setRetryInterval(500);
        connectionFactory.setCallTimeout(5000);
        // a queue looked up once per session, not asked of the broker before every send
        connectionFactory.setCacheDestinations(true);
        return connectionFactory;
    }

    private static String emptyToNull(String value) {
        return value.isEmpty() ? null : value;
    }
}
