package io.tableaurelay.operations;

import java.time.Clock;
import java.util.UUID;

import io.tableaurelay.event.TableauEvent;
import org.apache.camel.Header;

/**
 * The event behind "send a test message" on the status page: a made-up {@code RelayTest} event about an item
 * named after the relay, which the test-message route puts on one channel's queue, past the channels' filters.
 */
public class TestMessages {

    public static final String EVENT_TYPE = "RelayTest";

    private final Clock clock;

    public TestMessages(Clock clock) {
        this.clock = clock;
    }

    public TableauEvent event(@Header("channel") String channel) {
        String now = clock.instant().toString();
        return new TableauEvent("test-" + UUID.randomUUID(), EVENT_TYPE, "relay",
                "Test message from tableau-webhook-relay to " + channel, null, null, now, now);
    }
}
