package io.tableaurelay.silence;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import io.tableaurelay.channel.Channel;
import io.tableaurelay.channel.Channels;
import io.tableaurelay.channel.EventFacts;
import io.tableaurelay.event.HeaderNames;
import io.tableaurelay.settings.RootCause;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The silences in force: the channel route asks {@link #silences} of each single event once Tableau has named its
 * item's project; the admin API creates, lists, changes and ends them. The list is the broker's ({@link SilenceStore}),
 * read at startup and whenever an instance changed it. How many events each silence held back is counted by this
 * instance since it started.
 */
public class Silences {

    /** On a silenced message: the id of the silence that held it back. */
    public static final String SILENCED_BY = "silencedBy";
    /** How long an expired silence stays listed (as Alertmanager keeps them) before it is removed. */
    static final Duration KEEP_EXPIRED = Duration.ofDays(5);
    private static final Logger LOG = LoggerFactory.getLogger(Silences.class);

    private final SilenceStore store;
    private final Channels channels;
    private final Clock clock;
    private final Map<String, AtomicLong> held = new ConcurrentHashMap<>();
    private volatile List<Silence> current = List.of();

    Silences(SilenceStore store, Channels channels, Clock clock) {
        this.store = store;
        this.channels = channels;
        this.clock = clock;
    }

    /**
     * Whether an active silence holds back this single event on the channel; if so its id goes into the header
     * {@value #SILENCED_BY}. A success that ends an item's failures is never held back on a channel that notifies
     * recoveries: whoever was told of the failures, or had them silenced, hears that they are over.
     */
    public boolean silences(String channelId, Exchange exchange) {
        Message message = exchange.getMessage();
        Channel channel = channels.get(channelId);
        if (message.getHeader(HeaderNames.RECOVERED_AFTER, 0, Integer.class) > 0 && channel.notifiesRecovery()) {
            return false;
        }
        Instant now = clock.instant();
        EventFacts event = Channels.facts(message);
        Optional<Silence> silence = current.stream()
                .filter(candidate -> candidate.isActive(now))
                .filter(candidate -> candidate.matchers().matches(channelId, event))
                .findFirst();
        silence.ifPresent(found -> {
            message.setHeader(SILENCED_BY, found.id());
            held(found.id()).incrementAndGet();
        });
        return silence.isPresent();
    }

    /**
     * Reads the silences from the broker again (at startup, when an instance changed them, and every
     * silences.reload-interval). A broker out of reach leaves the silences as they were known.
     */
    public void reload() {
        Instant now = clock.instant();
        List<Silence> all;
        try {
            all = store.all();
        } catch (RuntimeException e) {
            LOG.warn("Could not read the silences from the broker ({}); {} known until it answers",
                    RootCause.of(e).getMessage(), current.size());
            return;
        }
        for (Silence silence : all) {
            if (silence.endsAt().plus(KEEP_EXPIRED).isBefore(now)) {
                store.replace(silence.id(), null);
            }
        }
        current = all.stream().filter(silence -> !silence.endsAt().plus(KEEP_EXPIRED).isBefore(now))
                .sorted(Comparator.comparing(Silence::endsAt).reversed()).toList();
    }

    /** Every silence still listed (active, pending, and expired within five days), latest end first. */
    public List<Map<String, Object>> list() {
        Instant now = clock.instant();
        return current.stream().map(silence -> describe(silence, now)).toList();
    }

    /** Creates a silence from the admin API's JSON body; InvalidSilenceException says what is wrong with it. */
    public Map<String, Object> create(JsonNode body) {
        Silence silence = SilenceJson.create(body, channels.ids(), millis(), UUID.randomUUID().toString());
        store.add(silence);
        reload();
        LOG.info("Silence {} created until {}: {}", silence.id(), silence.endsAt(), silence.comment());
        return describe(silence, clock.instant());
    }

    /** Changes a silence's end or comment; empty when there is no silence with that id. */
    public Optional<Map<String, Object>> change(String id, JsonNode body) {
        return find(id).map(silence -> store(SilenceJson.change(body, silence, millis()), "changed"));
    }

    /** Ends a silence now; empty when there is no silence with that id. */
    public Optional<Map<String, Object>> end(String id) {
        Instant now = millis();
        return find(id).map(silence -> store(silence.isActive(now) || silence.state(now).equals(Silence.PENDING)
                ? silence.endingAt(now) : silence, "ended"));
    }

    private Map<String, Object> store(Silence silence, String what) {
        store.replace(silence.id(), silence);
        reload();
        LOG.info("Silence {} {}, until {}", silence.id(), what, silence.endsAt());
        return describe(silence, clock.instant());
    }

    /** Now, to the millisecond: what a silence's times are kept to (as a browser's clock reads them). */
    private Instant millis() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private Optional<Silence> find(String id) {
        return current.stream().filter(silence -> silence.id().equals(id)).findFirst();
    }

    private Map<String, Object> describe(Silence silence, Instant now) {
        Map<String, Object> entry = new LinkedHashMap<>(silence.asMap());
        entry.put("state", silence.state(now));
        entry.put("silenced", held(silence.id()).get());
        return entry;
    }

    private AtomicLong held(String id) {
        return held.computeIfAbsent(id, silence -> new AtomicLong());
    }
}
