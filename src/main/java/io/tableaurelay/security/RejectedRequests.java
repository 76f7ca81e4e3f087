package io.tableaurelay.security;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many requests the webhook endpoint turned away, by HTTP status (400, 401, 403, 405, 413, 415, 429), since
 * the relay started. The receive route's error handling counts, and so does the handling of what the HTTP server
 * refuses with a status alone (413 for a body too large); metrics read it. A 431 for oversized headers never
 * reaches the router and is not counted.
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
