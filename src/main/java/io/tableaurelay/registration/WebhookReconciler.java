package io.tableaurelay.registration;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.tableaurelay.registration.WebhookPlan.Change;
import io.tableaurelay.registration.WebhookPlan.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reconciling run, called by the register route: sign in, list the site's webhooks, create, re-enable,
 * update and (with tableau.prune) delete the relay's own, then sign out, also after a failure. A failure is
 * logged in one line and thrown again, so that the route tries again with backoff.
 */
public final class WebhookReconciler {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookReconciler.class);

    private final Registration registration;
    private final TableauRestClient client;
    private final Supplier<List<String>> wantedEvents;
    private final RegistrationStatus status;

    WebhookReconciler(Registration registration, TableauRestClient client, Supplier<List<String>> wantedEvents,
            RegistrationStatus status) {
        this.registration = registration;
        this.client = client;
        this.wantedEvents = wantedEvents;
        this.status = status;
    }

    public ReconcileResult reconcile() {
        List<String> wanted = wantedEvents.get();
        try (TableauSession session = TableauSession.signIn(client, registration.credentials(), registration.site())) {
            return reconcile(session, wanted);
        } catch (RuntimeException e) {
            String reason = e instanceof TableauException ? e.getMessage() : e.toString();
            LOG.warn("Registration in Tableau failed: {}; trying again later, with backoff", reason);
            status.failed(reason);
            throw e;
        }
    }

    private ReconcileResult reconcile(TableauSession session, List<String> wanted) {
        Run run = new Run(session);
        List<Webhook> seen = session.listWebhooks();
        WebhookPlan plan = plan(seen, wanted);
        run.unchanged = plan.unchanged();
        plan.changes().forEach(run::apply);
        if (!plan.changes().isEmpty()) {
            seen = session.listWebhooks();
        }
        if (plan.creates()) {
            // Another relay instance may have created the same webhooks at the same moment: keep the oldest.
            List<Change> duplicates = plan(seen, wanted).changes().stream()
                    .filter(change -> change.kind() == Kind.DELETE_DUPLICATE)
                    .toList();
            duplicates.forEach(run::apply);
            if (!duplicates.isEmpty()) {
                seen = session.listWebhooks();
            }
        }
        if (registration.testAfterChange()) {
            run.changed.forEach(run::test);
        }
        ReconcileResult result = new ReconcileResult(run.created, run.updated, run.reEnabled, run.deleted, run.unchanged);
        status.succeeded(result, seen.stream()
                .filter(webhook -> webhook.name().startsWith(registration.prefix() + "-")).toList());
        return result;
    }

    private WebhookPlan plan(List<Webhook> seen, List<String> wanted) {
        return WebhookPlan.of(seen, wanted, registration.prefix(), registration.destination(), registration.prune());
    }

    /** The counts and the webhooks changed in one run. */
    private final class Run {
        private final TableauSession session;
        private final List<Webhook> changed = new ArrayList<>();
        private int created;
        private int updated;
        private int reEnabled;
        private int deleted;
        private int unchanged;

        Run(TableauSession session) {
            this.session = session;
        }

        void apply(Change change) {
            String destination = registration.destination();
            switch (change.kind()) {
                case CREATE -> create(change, destination);
                case RE_ENABLE -> {
                    String reason = change.existing().statusChangeReason();
                    LOG.warn("Tableau had disabled webhook {} ({}); re-enabling it", change.name(),
                            reason.isEmpty() ? "no reason given" : reason);
                    session.update(change.existing(), change.event(), destination);
                    changed.add(change.existing());
                    reEnabled++;
                }
                case UPDATE -> {
                    session.update(change.existing(), change.event(), destination);
                    LOG.info("Updated webhook {}: {} to {}", change.name(), change.event(), destination);
                    changed.add(change.existing());
                    updated++;
                }
                case DELETE_STALE -> delete(change, "its event is no longer wanted");
                case DELETE_DUPLICATE -> delete(change, "a duplicate of an older one");
            }
        }

        private void create(Change change, String destination) {
            try {
                changed.add(session.create(change.name(), change.event(), destination));
                LOG.info("Created webhook {}: {} to {}", change.name(), change.event(), destination);
                created++;
            } catch (TableauException e) {
                if (e.status() != 409) {
                    throw e;
                }
                LOG.info("Webhook {} exists already (another relay instance created it)", change.name());
                unchanged++;
            }
        }

        private void delete(Change change, String why) {
            Webhook webhook = change.existing();
            try {
                session.delete(webhook);
                LOG.info("Deleted webhook {} ({}): {}", webhook.name(), webhook.id(), why);
                changed.removeIf(other -> other.id().equals(webhook.id()));
                deleted++;
            } catch (TableauException e) {
                if (e.status() != 404) {
                    throw e;
                }
                LOG.info("Webhook {} ({}) is gone already", webhook.name(), webhook.id());
            }
        }

        void test(Webhook webhook) {
            try {
                LOG.info("Tableau tested webhook {}: the relay answered {}", webhook.name(), session.test(webhook));
            } catch (TableauException e) {
                LOG.warn("Tableau could not test webhook {}: {}", webhook.name(), e.getMessage());
            }
        }
    }
}
