package io.tableaurelay.delivery;

import jakarta.jms.ConnectionFactory;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;

/**
 * What the retries route decides with: {@code retryPolicy} and {@code channelPause}; and {@code deadLetters}, what
 * the admin endpoints list and replay.
 */
public class DeliveryConfiguration implements CamelConfiguration {

    @BindToRegistry
    public RetryPolicy retryPolicy(@PropertyInject("delivery.max-attempts") int maxAttempts,
            @PropertyInject("delivery.initial-delay-ms") long initialDelayMillis,
            @PropertyInject("delivery.max-delay-ms") long maxDelayMillis) {
        return new RetryPolicy(maxAttempts, initialDelayMillis, maxDelayMillis);
    }

    @BindToRegistry
    public ChannelPause channelPause(CamelContext context,
            @PropertyInject("delivery.pause-after-failures") int failuresBeforePause) {
        return new ChannelPause(failuresBeforePause,
                context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "ChannelPause"));
    }

    @BindToRegistry(lazy = true)
    public DeadLetters deadLetters(@BeanInject("brokerConnections") ConnectionFactory broker) {
        return new DeadLetters(broker);
    }
}
