package io.tableaurelay.registration;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.LifecycleStrategySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the register route once the relay has started, and again every tableau.reconcile-interval after
 * the previous run ended, by sending an empty message to {@value #ENDPOINT} and waiting for the run (with
 * its retries) to finish. This is the job of Camel's timer component, which is not among the relay's
 * dependencies; with camel-timer added, the route could start from a timer and this class could go.
 */
final class ReconcileSchedule extends LifecycleStrategySupport {

    private static final Logger LOG = LoggerFactory.getLogger(ReconcileSchedule.class);
    /** timeout=0: wait for the run however long its retries take; runs never overlap. */
    static final String ENDPOINT = "seda:register?timeout=0";

    private final long intervalMillis;
    private ScheduledExecutorService executor;
    private ProducerTemplate template;

    ReconcileSchedule(long intervalMillis) {
        this.intervalMillis = intervalMillis;
    }

    @Override
    public void onContextStarted(CamelContext context) {
        template = context.createProducerTemplate();
        executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "tableau-registration");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::run, 0, intervalMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onContextStopping(CamelContext context) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    private void run() {
        try {
            template.sendBody(ENDPOINT, ExchangePattern.InOut, null);
        } catch (RuntimeException e) {
            // the route has logged the failure already; an exception here would cancel the schedule
            LOG.debug("Registration run ended with {}", e.toString());
        }
    }
}
