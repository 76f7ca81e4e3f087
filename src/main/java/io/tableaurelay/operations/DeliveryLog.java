package io.tableaurelay.operations;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tableaurelay.event.TableauEvent;

/**
 * The most recent events ({@code delivery-log.size}, 1,000 by default) and what became of them on each channel,
 * newest received first. Each relay instance keeps its own, in memory and in {@link DeliveryLogFile}: with
 * several instances each knows the events it received and the deliveries it made.
 */
public class DeliveryLog {

    private final int size;
    private final LinkedHashMap<String, DeliveryRecord> records;
    private long version;

    public DeliveryLog(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("Setting delivery-log.size must be at least 1");
        }
        this.size = size;
        this.records = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, DeliveryRecord> eldest) {
                return size() > DeliveryLog.this.size;
            }
        };
    }

    /**
     * An event that the broker has stored; a duplicate of one already in the log changes nothing. A channel may have
     * recorded its outcome first (a silenced or filtered event is done with at once): the event's facts are added.
     */
    public synchronized void received(TableauEvent event) {
        version++;
        DeliveryRecord known = records.get(event.id());
        if (known == null || known.item() == null) {
            records.put(event.id(), new DeliveryRecord(event.id(), event.receivedAt(), event.eventType(),
                    event.resourceName(), event.resource(), event.siteLuid(), known == null ? Map.of() : known.channels()));
        }
    }

    /**
     * A channel's outcome for an event. An event received before a restart, or by another instance, is added
     * with what the channel's message says about it.
     */
    public synchronized void record(String eventId, String eventType, String receivedAt, String channel,
            ChannelOutcome outcome) {
        DeliveryRecord record = records.getOrDefault(eventId,
                new DeliveryRecord(eventId, receivedAt, eventType, null, null, null, Map.of()));
        records.put(eventId, record.withOutcome(channel, outcome));
        version++;
    }

    /** An entry of its own, not an event's: an action taken from a message's link or by an admin. */
    public synchronized void add(DeliveryRecord record) {
        records.put(record.eventId(), record);
        version++;
    }

    /** Puts back records saved before a restart, oldest first, behind any recorded since. */
    synchronized void restore(List<DeliveryRecord> oldestFirst) {
        LinkedHashMap<String, DeliveryRecord> since = new LinkedHashMap<>(records);
        records.clear();
        oldestFirst.forEach(record -> records.put(record.eventId(), record));
        records.putAll(since);
        version++;
    }

    synchronized List<DeliveryRecord> oldestFirst() {
        return new ArrayList<>(records.values());
    }

    /** Grows with every change, so that a saved copy can tell it is out of date. */
    synchronized long version() {
        return version;
    }

    /** Newest first; each filter may be null (any). */
    public synchronized List<DeliveryRecord> find(String channel, String outcome, String eventType, int limit) {
        List<DeliveryRecord> newestFirst = new ArrayList<>(records.values());
        Collections.reverse(newestFirst);
        return newestFirst.stream().filter(record -> record.matches(channel, outcome, eventType)).limit(limit).toList();
    }
}
