import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.IntPredicate;

/**
 * The events of one phase, numbered 0 .. capacity-1: for each, when it was sent, the answer, and (from the IFTTT
 * stand-in) how often and when first it was delivered. Written by the load client's and the stand-in's threads.
 */
final class Batch {

    static final int NO_ANSWER = -1;

    final int id;
    final String name;
    final int capacity;
    private final AtomicLongArray sentAt;
    private final AtomicIntegerArray status;
    private final AtomicIntegerArray deliveries;
    private final AtomicLongArray deliveredAt;
    private final AtomicInteger issued = new AtomicInteger();
    private final AtomicInteger deliveredOnce = new AtomicInteger();

    Batch(int id, String name, int capacity) {
        this.id = id;
        this.name = name;
        this.capacity = capacity;
        this.sentAt = new AtomicLongArray(capacity);
        this.status = new AtomicIntegerArray(capacity);
        this.deliveries = new AtomicIntegerArray(capacity);
        this.deliveredAt = new AtomicLongArray(capacity);
    }

    /** The next event number to send, or -1 when the batch is full. */
    int next() {
        int index = issued.getAndIncrement();
        return index < capacity ? index : -1;
    }

    int issued() {
        return Math.min(issued.get(), capacity);
    }

    void sent(int index, long nanos) {
        sentAt.set(index, nanos);
    }

    void answered(int index, int httpStatus) {
        status.set(index, httpStatus);
    }

    /** Called by the stand-in for each delivery of an event of this batch. */
    void delivered(int index, long nanos) {
        if (index < 0 || index >= capacity) {
            return;
        }
        if (deliveries.incrementAndGet(index) == 1) {
            deliveredAt.set(index, nanos);
            deliveredOnce.incrementAndGet();
        }
    }

    /** Events delivered at least once. */
    int deliveredEvents() {
        return deliveredOnce.get();
    }

    int accepted() {
        return count(i -> status.get(i) == 200);
    }

    /** Accepted events not delivered (yet). */
    int missing() {
        return count(i -> status.get(i) == 200 && deliveries.get(i) == 0);
    }

    /** Events delivered more than once. */
    int doubled() {
        return count(i -> deliveries.get(i) > 1);
    }

    /** Events delivered that were not answered 200. */
    int deliveredButNotAccepted() {
        return count(i -> status.get(i) != 200 && deliveries.get(i) > 0);
    }

    /** First deliveries that arrived in [from, to). */
    int deliveredBetween(long from, long to) {
        return count(i -> deliveries.get(i) > 0 && deliveredAt.get(i) >= from && deliveredAt.get(i) < to);
    }

    /** Events sent so far that pass the test. */
    private int count(IntPredicate test) {
        int count = 0;
        for (int i = 0, n = issued(); i < n; i++) {
            if (test.test(i)) {
                count++;
            }
        }
        return count;
    }

    /** The latest first delivery, or 0 when none. */
    long lastDelivery() {
        long last = 0;
        for (int i = 0, n = issued(); i < n; i++) {
            if (deliveries.get(i) > 0) {
                last = Math.max(last, deliveredAt.get(i));
            }
        }
        return last;
    }

    /** From the send to the first delivery, of each accepted and delivered event, in nanoseconds, sorted. */
    long[] sentToDelivered() {
        long[] times = new long[issued()];
        int n = 0;
        for (int i = 0; i < times.length; i++) {
            if (status.get(i) == 200 && deliveries.get(i) > 0) {
                times[n++] = deliveredAt.get(i) - sentAt.get(i);
            }
        }
        long[] sorted = Arrays.copyOf(times, n);
        Arrays.sort(sorted);
        return sorted;
    }
}
