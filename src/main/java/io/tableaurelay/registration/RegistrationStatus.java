package io.tableaurelay.registration;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the last registration run saw and did, for the status page and metrics: when it ran, its result or why
 * it failed, the relay's own webhooks as Tableau listed them (enabled, or disabled with Tableau's reason), and
 * how many runs succeeded and failed. Webhook URLs are left out: they carry the webhook secret.
 */
public final class RegistrationStatus {

    private final Clock clock;
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private Instant lastRun;
    private String lastResult = "";
    private String lastError = "";
    private List<Webhook> webhooks = List.of();

    public RegistrationStatus(Clock clock) {
        this.clock = clock;
    }

    synchronized void succeeded(ReconcileResult result, List<Webhook> relayWebhooks) {
        succeeded.incrementAndGet();
        lastRun = clock.instant();
        lastResult = result.toString();
        lastError = "";
        webhooks = List.copyOf(relayWebhooks);
    }

    synchronized void failed(String reason) {
        failed.incrementAndGet();
        lastRun = clock.instant();
        lastError = reason;
    }

    public long succeededRuns() {
        return succeeded.get();
    }

    public long failedRuns() {
        return failed.get();
    }

    public synchronized Map<String, Object> summary() {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("lastRun", lastRun == null ? "" : lastRun.toString());
        summary.put("lastResult", lastResult);
        summary.put("lastError", lastError);
        summary.put("webhooks", webhooks.stream().map(webhook -> Map.of(
                "name", webhook.name(),
                "event", webhook.event(),
                "enabled", webhook.enabled(),
                "statusChangeReason", webhook.statusChangeReason())).toList());
        return summary;
    }
}
