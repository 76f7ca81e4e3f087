package io.tableaurelay.security;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many requests the receive route turned away, by HTTP status (400, 401, 403, 415, 429), since the relay
 * started. The receive route's error handling counts; metrics can read {@link #counts()}. What the HTTP server
 * refuses before the route (405, 413, 431) is not counted here.
 */
public class RejectedRequests {

    private final Map<Integer, AtomicLong> byStatus = new ConcurrentHashMap<>();

    public void count(int status) {
        byStatus.computeIfAbsent(status, key -> new AtomicLong()).incrementAndGet();
    }

    public long get(int status) {
        AtomicLong count = byStatus.get(status);
        return count == null ? 0 : count.get();
    }

    public Map<Integer, Long> counts() {
        Map<Integer, Long> counts = new TreeMap<>();
        byStatus.forEach((status, count) -> counts.put(status, count.get()));
        return counts;
    }
}
