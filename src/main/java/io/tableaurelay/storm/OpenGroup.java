package io.tableaurelay.storm;

import java.time.Instant;

/** A group that waits to be sent: its channel and key, the events so far, and when it closes. */
public record OpenGroup(String channel, String key, int events, Instant closesAt, boolean folded) {

    OpenGroup withOneMore() {
        return new OpenGroup(channel, key, events + 1, closesAt, folded);
    }
}
