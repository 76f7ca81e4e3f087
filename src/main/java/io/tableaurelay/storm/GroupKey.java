package io.tableaurelay.storm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import io.tableaurelay.channel.Channel;
import io.tableaurelay.event.EventType;
import io.tableaurelay.event.HeaderNames;
import org.apache.camel.Message;

/**
 * Which group of a channel a message belongs to: what its group-by fields say (event type, site, project,
 * outcome) and who it goes to. {@code label} is for people (the status page, logs); {@code id} is for the broker.
 */
record GroupKey(String channel, String label, String id) {

    static GroupKey of(Channel channel, Message message) {
        List<String> values = new ArrayList<>();
        String eventType = message.getHeader(HeaderNames.EVENT_TYPE, "", String.class);
        for (String field : channel.groupBy()) {
            values.add(switch (field) {
                case "eventType" -> eventType;
                case "site" -> message.getHeader(HeaderNames.SITE_LUID, "", String.class);
                case "project" -> message.getHeader(HeaderNames.ITEM_PROJECT, "", String.class);
                case "outcome" -> EventType.outcome(eventType);
                default -> throw new IllegalArgumentException("cannot group by " + field);
            });
        }
        return named(channel, message, String.join(" · ", values));
    }

    /** The messages past a recipient's cap, sent as one when the cap's window ends. */
    static GroupKey fold(Channel channel, Message message) {
        return named(channel, message, "past the cap");
    }

    /** The events of a maintenance window ("02:00-04:00"), sent as one when it ends. */
    static GroupKey maintenance(Channel channel, Message message, String window) {
        return named(channel, message, "maintenance " + window);
    }

    private static GroupKey named(Channel channel, Message message, String label) {
        String recipient = message.getHeader(HeaderNames.RECIPIENT, "", String.class);
        String named = recipient.isEmpty() ? label : label + " · " + recipient;
        return new GroupKey(channel.id(), named, digest(channel.id() + "\n" + named));
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
