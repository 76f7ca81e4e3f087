package io.tableaurelay.delivery;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.tableaurelay.event.HeaderNames;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A circuit breaker per channel: after {@code delivery.pause-after-failures} attempts in a row that failed and will be
 * tried again (a channel that is down: 5xx, timeouts, refused connections), the channel's route stops taking messages
 * from its queue until the last failed message is due again. The messages it did not take wait in the queue, where
 * the broker keeps a long backlog on disk; without the pause every one of them would be tried, fail and be held back
 * for its next attempt in the broker's memory. When the pause ends the channel takes messages again: the first
 * success closes the breaker, the first failure pauses it again, for as long as the retry of that message waits
 * (growing with its attempts, as every retry does). Messages are neither lost nor doubled by a pause: those in
 * flight finish as usual, and the others stay in the queue. Per relay instance.
 */
public class ChannelPause {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelPause.class);

    private final int failuresBeforePause;
    private static final long SUSPEND_WAIT_MILLIS = 1000;

    private final ScheduledExecutorService scheduler;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    /** @param failuresBeforePause failed attempts in a row after which a channel pauses; 0: never */
    public ChannelPause(int failuresBeforePause, ScheduledExecutorService scheduler) {
        if (failuresBeforePause < 0) {
            throw new IllegalArgumentException("Setting delivery.pause-after-failures must be 0 or more");
        }
        this.failuresBeforePause = failuresBeforePause;
        this.scheduler = scheduler;
    }

    /** A send of the channel failed and its message will be tried again (the retry policy decided so). */
    public void failed(Exchange exchange) {
        if (failuresBeforePause == 0) {
            return;
        }
        String channel = exchange.getFromRouteId();
        State state = states.computeIfAbsent(channel, id -> new State());
        Long dueAt = exchange.getMessage().getHeader(HeaderNames.SCHEDULED_DELIVERY, Long.class);
        long pause = Math.max(0, (dueAt == null ? 0 : dueAt) - System.currentTimeMillis());
        synchronized (state) {
            state.failures++;
            if (state.paused || state.failures < failuresBeforePause) {
                return;
            }
            state.paused = true;
        }
        Route route = exchange.getContext().getRoute(channel);
        LOG.warn("{}: {} attempts in a row failed; the channel pauses for {} and its other messages wait in its queue",
                channel, failuresBeforePause, exchange.getMessage().getHeader(HeaderNames.RETRY_IN));
        // not on the route's own thread: the consumer being stopped is the one that runs this exchange. This thread
        // waits (a moment at most) until the consumer is told to stop, so that it takes no message it holds ahead.
        Future<?> suspended = scheduler.submit(() -> ServiceHelper.suspendService(consumer(route)));
        scheduler.schedule(() -> resume(channel, route, state), pause, TimeUnit.MILLISECONDS);
        try {
            suspended.get(SUSPEND_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("{}: the pause starts after the next message ({})", channel, e.getMessage());
        }
    }

    /** The channel took a message: the breaker is closed. */
    public void delivered(Exchange exchange) {
        State state = states.get(exchange.getFromRouteId());
        if (state != null) {
            synchronized (state) {
                state.failures = 0;
            }
        }
    }

    private void resume(String channel, Route route, State state) {
        synchronized (state) {
            state.paused = false;
        }
        LOG.info("{}: the pause is over; the channel tries its messages again", channel);
        ServiceHelper.resumeService(consumer(route));
    }

    private static Consumer consumer(Route route) {
        return route == null ? null : route.getConsumer();
    }

    private static final class State {
        private int failures;
        private boolean paused;
    }
}
