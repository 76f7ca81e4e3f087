package io.tableaurelay.operations;

import java.util.Map;

import io.tableaurelay.broker.QueueDepths;
import io.tableaurelay.channel.Channel;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * How one channel that is on is doing: last success, last failure and its error, messages in its dead-letter
 * queue. DOWN while its latest attempt failed, but neither a readiness nor a liveness check: a failing Slack
 * does not make the relay unready (it keeps taking events and retries), so it shows in {@code /observe/health}
 * only.
 */
final class ChannelHealthCheck extends AbstractHealthCheck {

    private final Channel channel;
    private final ChannelActivity activity;
    private final QueueDepths depths;

    ChannelHealthCheck(Channel channel, ChannelActivity activity, QueueDepths depths) {
        super("relay", "channel-" + channel.id());
        this.channel = channel;
        this.activity = activity;
        this.depths = depths;
    }

    @Override
    public boolean isReadiness() {
        return false;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        ChannelActivity.Snapshot now = activity.snapshot();
        builder.details(now.asMap());
        builder.detail("deadLetters", depths.depth(channel.deadLetters()));
        if (now.isFailing()) {
            builder.down().message(channel.id() + ": the latest attempt failed (" + now.lastError() + ")");
        } else {
            builder.up();
        }
    }
}
