package io.tableaurelay.event;

/**
 * One message that an accepted event becomes: for one channel, and for one of its recipients where it has some
 * ("" otherwise). It is stored on the channel's queue with its own duplicate id, so that a copy of the event
 * posted again is dropped by the broker, channel by channel.
 */
public record ChannelMessage(String channel, String recipient) {

    /** {@code <event id>:<channel>:<recipient>}. */
    public String duplicateId(String eventId) {
        return eventId + ":" + channel + ":" + recipient;
    }
}
