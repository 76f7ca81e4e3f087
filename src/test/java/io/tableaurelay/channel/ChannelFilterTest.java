package io.tableaurelay.channel;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which events a channel takes by event type, site, project and item, and what it does when Tableau cannot say. */
class ChannelFilterTest {

    private static final String FINANCE_SITE = "8b2a95d8-52b9-40a4-8712-cd6da771bd1b";
    private static final String OTHER_SITE = "0b2a95d8-52b9-40a4-8712-cd6da771bd1b";

    @Test
    void eventTypesAndItemNamesArePatterns() {
        ChannelFilter filter = new ChannelFilter("*RefreshFailed", "", "", "Sales*, Superstore");

        assertTrue(filter.accepts(event("DatasourceRefreshFailed", FINANCE_SITE, null, "Sales Q4")));
        assertTrue(filter.accepts(event("WorkbookRefreshFailed", FINANCE_SITE, null, "Superstore")));
        assertFalse(filter.accepts(event("WorkbookRefreshFailed", FINANCE_SITE, null, "Superstore copy")));
        assertFalse(filter.accepts(event("WorkbookRefreshSucceeded", FINANCE_SITE, null, "Sales Q4")));
    }

    @Test
    void aSiteIsNamedByItsLuidOrByItsContentUrlWhenTheRelayKnowsIt() {
        ChannelFilter byLuid = new ChannelFilter("*", FINANCE_SITE.toUpperCase(), "", "");
        assertTrue(byLuid.accepts(event("WorkbookCreated", FINANCE_SITE, null, "x")));
        assertFalse(byLuid.accepts(event("WorkbookCreated", OTHER_SITE, null, "x")), "a LUID needs no Tableau");

        ChannelFilter byName = new ChannelFilter("*", "finance", "", "");
        assertTrue(byName.accepts(facts("WorkbookCreated", FINANCE_SITE, "finance", true, null)));
        assertFalse(byName.accepts(facts("WorkbookCreated", OTHER_SITE, "marketing", true, null)));
        assertTrue(byName.accepts(facts("WorkbookCreated", OTHER_SITE, null, true, null)),
                "a site the relay cannot name is taken: nothing is lost");
    }

    @Test
    void aProjectFilterTakesItsProjectsAndWhatTableauCouldNotPlaceButNoSitesOrUsers() {
        ChannelFilter filter = new ChannelFilter("*", "", "Finance*", "");

        assertTrue(filter.accepts(facts("WorkbookRefreshFailed", FINANCE_SITE, null, true, "Finance Reporting")));
        assertFalse(filter.accepts(facts("WorkbookRefreshFailed", FINANCE_SITE, null, true, "Marketing")));
        assertTrue(filter.accepts(facts("WorkbookRefreshFailed", FINANCE_SITE, null, true, "")),
                "Tableau could not say: taken, nothing is lost");
        assertFalse(filter.accepts(facts("UserDeleted", FINANCE_SITE, null, false, null)), "a user is in no project");
        assertTrue(filter.filtersOnTableauDetails());
        assertFalse(new ChannelFilter("*", FINANCE_SITE, "", "Sales").filtersOnTableauDetails());
    }

    private static EventFacts event(String eventType, String siteLuid, String project, String item) {
        return new EventFacts(eventType, siteLuid, null, true, project, item, false, 0);
    }

    private static EventFacts facts(String eventType, String siteLuid, String siteContentUrl, boolean inProject,
            String project) {
        return new EventFacts(eventType, siteLuid, siteContentUrl, inProject, project, "item", false, 0);
    }
}
