package io.tableaurelay.operations;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tableaurelay.broker.QueueDepths;
import io.tableaurelay.channel.Channel;
import io.tableaurelay.channel.Channels;
import io.tableaurelay.registration.Registration;
import io.tableaurelay.registration.RegistrationStatus;
import io.tableaurelay.storm.Groups;
import io.tableaurelay.storm.OpenGroup;

/**
 * Everything the status page shows at a glance, as one JSON-ready map: each channel (on or off, delivered and
 * failed counts, last success and failure, queue, held and dead-letter sizes), the groups that
 * wait to be sent, and registration in Tableau with the relay's webhooks as last seen.
 */
public final class StatusSummary {

    private final Channels channels;
    private final Deliveries deliveries;
    private final QueueDepths depths;
    private final Groups groups;
    private final Registration registration;
    private final RegistrationStatus registrationStatus;

    StatusSummary(Channels channels, Deliveries deliveries, QueueDepths depths, Groups groups,
            Registration registration, RegistrationStatus registrationStatus) {
        this.channels = channels;
        this.deliveries = deliveries;
        this.depths = depths;
        this.groups = groups;
        this.registration = registration;
        this.registrationStatus = registrationStatus;
    }

    public Map<String, Object> summary() {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("channels", channels.all().stream().map(this::channel).toList());
        summary.put("groups", groups.open().stream().map(StatusSummary::group).toList());
        Map<String, Object> tableau = new LinkedHashMap<>();
        tableau.put("on", registration.isOn());
        tableau.putAll(registrationStatus.summary());
        summary.put("registration", tableau);
        return summary;
    }

    private static Map<String, Object> group(OpenGroup group) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("channel", group.channel());
        entry.put("group", group.key());
        entry.put("events", group.events());
        entry.put("closesAt", group.closesAt().toString());
        entry.put("folded", group.folded());
        return entry;
    }

    private Map<String, Object> channel(Channel channel) {
        String id = channel.id();
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", id);
        entry.put("name", channel.name());
        entry.put("on", channel.isOn());
        entry.put("events", channel.filter().toString());
        entry.put("file", channel.file());
        entry.putAll(deliveries.activity(id).snapshot().asMap());
        entry.put("queue", depths.depth(id));
        entry.put("deadLetters", depths.depth(channel.deadLetters()));
        entry.put("held", depths.depth(channel.held()));
        return entry;
    }
}
