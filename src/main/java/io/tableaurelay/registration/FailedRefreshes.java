package io.tableaurelay.registration;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.tableaurelay.event.HeaderNames;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Why a refresh failed, as Tableau tells it: the failed extract-refresh job of the event's item (Query Jobs, narrowed
 * to failed refreshes with the item's name created in the day before the event), then that job's details, whose notes
 * hold Tableau's error text. Asked once per event (the event's channels share the answer) in the session of the item
 * look-ups, on a thread of its own; a channel waits for the answer at most tableau.reason-wait, then its message goes
 * without a reason. The channel route puts the answer into the headers {@code failureReason} and {@code jobLink}.
 */
public final class FailedRefreshes implements AutoCloseable {

    /** How long before the event a failed refresh may have started. */
    static final Duration LOOK_BACK = Duration.ofDays(1);
    /** A failure is reported a moment after its job ends; a job may be stamped a little after the event too. */
    static final Duration LEEWAY = Duration.ofMinutes(1);
    /** The longest reason a message shows; Tableau's notes can hold a whole stack trace. */
    static final int LONGEST_REASON = 300;
    private static final int CANDIDATES = 3;
    private static final int REMEMBERED = 1000;
    private static final Pattern LUID = Pattern.compile("[0-9A-Fa-f-]{1,64}");
    private static final Pattern EXCEPTION_CLASS = Pattern.compile("^([a-z][\\w$]*\\.)+[A-Z][\\w$]*(Exception|Error):\\s*");
    private static final Logger LOG = LoggerFactory.getLogger(FailedRefreshes.class);

    private final TableauItems items;
    private final Duration wait;
    /** Questions asked side by side; in a storm of failures the rest wait their turn, or are dropped (see ask). */
    private static final int ASKERS = 4;
    private final ExecutorService askers = Executors.newFixedThreadPool(ASKERS, runnable -> {
        Thread thread = new Thread(runnable, "failed-refresh-reasons");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, CompletableFuture<Reason>> asked = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<Reason>> eldest) {
            return size() > REMEMBERED;
        }
    };

    FailedRefreshes(TableauItems items, Duration wait) {
        this.items = items;
        this.wait = wait;
    }

    /** Puts the reason of the event's failed refresh and the link to Tableau's jobs into its headers, or "". */
    public void explain(Exchange exchange) {
        Message message = exchange.getMessage();
        Reason reason = find(message.getHeader(HeaderNames.EVENT_TYPE, String.class),
                message.getHeader(HeaderNames.RESOURCE_LUID, String.class),
                message.getHeader(HeaderNames.RESOURCE_NAME, String.class),
                message.getHeader(HeaderNames.CREATED_AT, message.getHeader(HeaderNames.RECEIVED_AT), String.class));
        message.setHeader(HeaderNames.FAILURE_REASON, reason.text());
        message.setHeader(HeaderNames.JOB_LINK, reason.jobLink());
    }

    /** The reason, if Tableau gives it within tableau.reason-wait; {@link Reason#NONE} otherwise. */
    Reason find(String eventType, String resourceLuid, String name, String createdAt) {
        Instant at = instant(createdAt);
        if (!items.isOn() || at == null || resourceLuid == null || !LUID.matcher(resourceLuid).matches()) {
            return Reason.NONE;
        }
        String collection = TableauItems.collection(eventType, null).orElse("");
        if (collection.isEmpty()) {
            return Reason.NONE;
        }
        CompletableFuture<Reason> answer;
        synchronized (asked) {
            Instant queued = Instant.now();
            answer = asked.computeIfAbsent(resourceLuid + "@" + at, key -> CompletableFuture.supplyAsync(
                    () -> tooLate(queued) ? Reason.NONE
                            : ask(collection.substring(0, collection.length() - 1), resourceLuid, name, at), askers));
        }
        try {
            return answer.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("Tableau did not say within {} ms why the refresh of {} failed; the message goes without the "
                    + "reason", wait.toMillis(), resourceLuid);
            return Reason.NONE;
        } catch (ExecutionException e) {
            return Reason.NONE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Reason.NONE;
        }
    }

    /** A question that waited in line longer than a channel waits for its answer: nobody would read it any more. */
    private boolean tooLate(Instant queued) {
        return Duration.between(queued, Instant.now()).compareTo(wait) > 0;
    }

    /** The newest failed refresh job of the item (workbook or datasource) before the event, and its notes. */
    private Reason ask(String itemKind, String resourceLuid, String name, Instant at) {
        try {
            TableauSession session = items.session();
            List<JsonNode> jobs = session.failedRefreshJobs(name, at.minus(LOOK_BACK), at.plus(LEEWAY)).stream()
                    .filter(job -> LUID.matcher(job.path("id").asText("")).matches())
                    .sorted(Comparator.comparing((JsonNode job) -> job.path("createdAt").asText("")).reversed())
                    .limit(CANDIDATES).toList();
            for (JsonNode job : jobs) {
                JsonNode refresh = session.job(job.path("id").asText()).path("extractRefreshJob");
                if (refresh.path(itemKind).path("id").asText("").equalsIgnoreCase(resourceLuid)) {
                    return new Reason(readable(refresh.path("notes").asText("")), items.jobsPage());
                }
            }
            LOG.info("Tableau lists no failed refresh job of {} {} before {}", itemKind, resourceLuid, at);
            return Reason.NONE;
        } catch (TableauException e) {
            LOG.warn("Cannot ask Tableau why the refresh of {} {} failed: {}", itemKind, resourceLuid, e.getMessage());
            return Reason.NONE;
        }
    }

    /** Tableau's notes on one line, without a leading Java exception class, at most {@link #LONGEST_REASON} long. */
    static String readable(String notes) {
        String text = notes.replace("\\n", " ").replaceAll("\\s+", " ").trim();
        text = EXCEPTION_CLASS.matcher(text).replaceFirst("");
        if (text.length() <= LONGEST_REASON) {
            return text;
        }
        int cut = text.lastIndexOf(' ', LONGEST_REASON - 1);
        return text.substring(0, cut > LONGEST_REASON / 2 ? cut : LONGEST_REASON - 1) + "…";
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @Override
    public void close() {
        askers.shutdownNow();
    }

    /** Tableau's error text and its jobs page; "" for what it did not say. */
    record Reason(String text, String jobLink) {
        static final Reason NONE = new Reason("", "");
    }
}
