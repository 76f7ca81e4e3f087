package io.tableaurelay.registration;

import java.util.ArrayList;
import java.util.List;

import io.tableaurelay.registration.WebhookPlan.Change;
import io.tableaurelay.registration.WebhookPlan.Kind;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plan on its own: applied to an in-memory site, a second plan has nothing left to do. */
class WebhookPlanTest {

    private static final String URL = "https://relay.example.com/webhooks/tableau";
    private static final List<String> WANTED = List.of("DatasourceRefreshFailed", "WorkbookRefreshFailed",
            "ViewDeleted");

    @Test
    void secondPlanChangesNothing() {
        List<Webhook> site = new ArrayList<>(List.of(
                new Webhook("1", "relay-DatasourceRefreshFailed", "DatasourceRefreshFailed", "https://old", true, "",
                        "2026-01-01"),
                new Webhook("2", "relay-WorkbookRefreshFailed", "WorkbookRefreshFailed", URL, false, "failures",
                        "2026-01-01"),
                new Webhook("3", "relay-WorkbookRefreshFailed", "WorkbookRefreshFailed", URL, true, "", "2026-01-02"),
                new Webhook("4", "relay-LabelCreated", "LabelCreated", URL, true, "", "2026-01-01"),
                new Webhook("5", "ops-ViewDeleted", "ViewDeleted", "https://ops", false, "", "2026-01-01")));

        WebhookPlan first = WebhookPlan.of(site, WANTED, "relay", URL, true);
        assertEquals(List.of(Kind.DELETE_DUPLICATE, Kind.UPDATE, Kind.RE_ENABLE, Kind.CREATE, Kind.DELETE_STALE),
                first.changes().stream().map(Change::kind).toList());
        assertEquals("3", first.changes().get(0).existing().id(), "the newer duplicate goes");
        first.changes().forEach(change -> apply(site, change));

        WebhookPlan second = WebhookPlan.of(site, WANTED, "relay", URL, true);
        assertTrue(second.changes().isEmpty(), second.changes().toString());
        assertEquals(3, second.unchanged());
        assertTrue(site.stream().anyMatch(webhook -> webhook.name().equals("ops-ViewDeleted")), "foreign one kept");
    }

    @Test
    void withoutPruneStaleWebhooksCountAsUnchanged() {
        List<Webhook> site = List.of(new Webhook("4", "relay-LabelCreated", "LabelCreated", URL, true, "", "x"));
        WebhookPlan plan = WebhookPlan.of(site, List.of(), "relay", URL, false);
        assertTrue(plan.changes().isEmpty());
        assertEquals(1, plan.unchanged());
    }

    @Test
    void onlyNamesWithThePrefixAndADashAreTheRelays() {
        List<Webhook> site = List.of(new Webhook("7", "relayer-ViewDeleted", "ViewDeleted", URL, true, "", "x"),
                new Webhook("8", "relay-ViewDeleted", "ViewDeleted", URL, true, "", "x"));

        WebhookPlan plan = WebhookPlan.of(site, List.of("ViewDeleted", "WorkbookCreated"), "relay", URL, true);

        assertEquals(List.of(new Change(Kind.CREATE, "relay-WorkbookCreated", "WorkbookCreated", null)), plan.changes(),
                "relayer-ViewDeleted is someone else's: not pruned");
        assertEquals(1, plan.unchanged());
        assertTrue(plan.creates());
    }

    private static void apply(List<Webhook> site, Change change) {
        switch (change.kind()) {
            case CREATE -> site.add(new Webhook("new", change.name(), change.event(), URL, true, "", "2026-02-01"));
            case UPDATE, RE_ENABLE -> {
                site.remove(change.existing());
                site.add(new Webhook(change.existing().id(), change.name(), change.event(), URL, true, "",
                        change.existing().createdAt()));
            }
            case DELETE_STALE, DELETE_DUPLICATE -> site.remove(change.existing());
        }
    }
}
