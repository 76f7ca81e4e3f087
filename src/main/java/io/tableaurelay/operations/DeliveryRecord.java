package io.tableaurelay.operations;

import java.util.Map;
import java.util.TreeMap;

/**
 * One event in the delivery log: when it was received, what it was about, and each channel's outcome.
 *
 * @param channels outcome by channel (slack, sms, ifttt); a channel appears once its first attempt is over
 */
public record DeliveryRecord(String eventId, String receivedAt, String eventType, String item, String resource,
        String site, Map<String, ChannelOutcome> channels) {

    DeliveryRecord withOutcome(String channel, ChannelOutcome outcome) {
        Map<String, ChannelOutcome> updated = new TreeMap<>(channels);
        updated.put(channel, outcome);
        return new DeliveryRecord(eventId, receivedAt, eventType, item, resource, site, Map.copyOf(updated));
    }

    boolean matches(String channel, String outcome, String type) {
        if (type != null && !type.equals(eventType)) {
            return false;
        }
        if (channel != null) {
            ChannelOutcome result = channels.get(channel);
            return result != null && (outcome == null || outcome.equals(result.outcome()));
        }
        return outcome == null || channels.values().stream().anyMatch(result -> outcome.equals(result.outcome()));
    }
}
