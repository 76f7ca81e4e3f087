package io.tableaurelay.broker;

import java.util.Map;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness: the broker that holds the queues takes a connection. Opens a fresh connection (one attempt, no
 * reconnecting) each time it is asked, so that it sees the broker as it is now, not a cached connection. Not a
 * liveness check: restarting the relay does not bring a broker back.
 */
public final class BrokerHealthCheck extends AbstractHealthCheck {

    private final ActiveMQConnectionFactory probe;

    BrokerHealthCheck(String url, String username, String password) {
        super("relay", "broker");
        probe = new ActiveMQConnectionFactory(url, username, password);
        probe.setInitialConnectAttempts(1);
        probe.setReconnectAttempts(0);
        probe.setCallTimeout(2000);
        probe.setCallFailoverTimeout(2000);
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        try (Connection connection = probe.createConnection()) {
            builder.up().message("the broker takes connections");
        } catch (JMSException | RuntimeException e) {
            // the broker's own message names no credentials; the URL is not repeated
            builder.down().message("the broker cannot be reached: " + e.getClass().getSimpleName());
        }
    }
}
