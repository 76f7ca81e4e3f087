package io.tableaurelay.operations;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tableaurelay.broker.DuplicateEvents;
import io.tableaurelay.broker.QueueDepths;
import io.tableaurelay.channel.Channel;
import io.tableaurelay.channel.Channels;
import io.tableaurelay.registration.RegistrationStatus;
import io.tableaurelay.security.RejectedRequests;
import io.tableaurelay.storm.Groups;

/**
 * The metrics that are read from the relay's state rather than counted in the routes: refused requests by
 * reason, duplicates the embedded broker dropped, registration runs by result, and the depth of every queue (each
 * channel's queue, held events and dead-letter queue).
 * The routes count received events and delivered, retried and dead-lettered messages themselves
 * ({@code micrometer:counter:...} steps).
 */
final class RelayMetrics {

    /** Why a request was refused, by the HTTP status it got. */
    private static final Map<String, List<Integer>> REJECTION_REASONS = Map.of(
            "bad_input", List.of(400, 405, 415),
            "auth", List.of(401),
            "forbidden", List.of(403),
            "size", List.of(413),
            "rate_limit", List.of(429));

    private RelayMetrics() {
    }

    static void register(MeterRegistry meters, RejectedRequests rejected, DuplicateEvents duplicates,
            RegistrationStatus registration, QueueDepths depths) {
        REJECTION_REASONS.forEach((reason, statuses) -> FunctionCounter.builder("relay.requests.rejected", rejected,
                        requests -> statuses.stream().mapToLong(requests::get).sum())
                .description("Requests to the webhook endpoint that were refused, by reason")
                .tag("reason", reason)
                .register(meters));
        if (duplicates != null) {
            FunctionCounter.builder("relay.events.duplicate", duplicates, DuplicateEvents::dropped)
                    .description("Events the embedded broker dropped as duplicates of one already stored")
                    .register(meters);
        }
        FunctionCounter.builder("relay.registration.runs", registration, RegistrationStatus::succeededRuns)
                .description("Registration runs in Tableau, by result").tag("result", "success").register(meters);
        FunctionCounter.builder("relay.registration.runs", registration, RegistrationStatus::failedRuns)
                .description("Registration runs in Tableau, by result").tag("result", "failure").register(meters);
    }

    /**
     * The depth of a channel's queue, of its held events (waiting for their group) and of its dead-letter queue; the
     * events it grouped, folded past a cap, and left out as repeats.
     */
    static void registerChannel(MeterRegistry meters, QueueDepths depths, Groups groups, Channels channels,
            Channel queues) {
        String channel = queues.id();
        queueDepth(meters, depths, queues.queue());
        queueDepth(meters, depths, queues.held());
        Gauge.builder("relay.dead.letter.messages", depths, known -> depthOrNaN(known.depth(queues.deadLetters())))
                .description("Messages kept in a channel's dead-letter queue")
                .tag("channel", channel)
                .register(meters);
        count(meters, "relay.events.grouped", "Events that waited for their group and went out in one message with it",
                groups.grouped(channel), channel);
        count(meters, "relay.events.folded", "Events past a recipient's cap, folded into one message at the end of its hour",
                groups.folded(channel), channel);
        count(meters, "relay.events.dropped.as.repeat",
                "Failures that repeat one of the last repeat-interval, not sent as the channel does not notify repeats",
                channels.repeatsDropped(channel), channel);
    }

    private static void count(MeterRegistry meters, String name, String description, AtomicLong counter, String channel) {
        FunctionCounter.builder(name, counter, AtomicLong::get).description(description).tag("channel", channel)
                .register(meters);
    }

    private static void queueDepth(MeterRegistry meters, QueueDepths depths, String queue) {
        Gauge.builder("relay.queue.messages", depths, known -> depthOrNaN(known.depth(queue)))
                .description("Messages waiting in a queue, retries held back included")
                .tag("queue", queue)
                .register(meters);
    }

    private static double depthOrNaN(long depth) {
        return depth < 0 ? Double.NaN : depth;
    }
}
