package io.tableaurelay.event;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The words, outcome, family and kind of an event name, Tableau's own and new ones alike. */
class EventTypeTest {

    @ParameterizedTest
    @CsvSource(textBlock = """
            DatasourceRefreshFailed,    Data source refresh failed,      failure,  DatasourceRefresh
            WorkbookRefreshSucceeded,   Workbook refresh succeeded,      success,  WorkbookRefresh
            WorkbookRefreshStarted,     Workbook refresh started,        start,    WorkbookRefresh
            ViewDeleted,                View deleted,                    deletion, View
            LabelCreated,               Label created,                   creation, Label
            SiteUpdated,                Site updated,                    update,   Site
            AdminPromoted,              User promoted to administrator,  update,   Admin
            AdminDemoted,               User demoted from administrator, update,   Admin
            FlowRunCompleted,           Flow run completed,              success,  FlowRun
            Custom_event,               Custom event,                    other,    Custom_event
            Test,                       Test,                            other,    Test
            """)
    void wordsOutcomeAndFamily(String eventType, String words, String outcome, String family) {
        assertEquals(words, EventType.words(eventType));
        assertEquals(outcome, EventType.outcome(eventType));
        assertEquals(family, EventType.family(eventType));
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            DatasourceRefreshFailed, EXTRACTS,   data source
            WorkbookRefreshFailed,   EXTRACTS,   workbook
            AdminPromoted,           USER,       user
            FlowRunFailed,           ,           flow
            LabelCreated,            DATASOURCE, data source
            LabelCreated,            METRIC,     metric
            LabelCreated,            ,           item
            """)
    void theKindComesFromTheEventNameElseFromTheResource(String eventType, String resource, String kind) {
        assertEquals(kind, EventType.kind(eventType, resource));
    }

    @Test
    void sitesAndUsersAreInNoProject() {
        assertTrue(EventType.isInProject("WorkbookRefreshFailed", "EXTRACTS"));
        assertTrue(EventType.isInProject("LabelCreated", "VIEW"));
        assertFalse(EventType.isInProject("SiteCreated", "SITE"));
        assertFalse(EventType.isInProject("AdminDemoted", "USER"));
        assertFalse(EventType.isInProject(null, "USER"));
    }

    @Test
    void tableauDocumentsTwentyTwoEvents() {
        assertEquals(22, EventType.KNOWN.size());
        assertTrue(EventType.KNOWN.stream().allMatch(EventType::isKnown));
        assertFalse(EventType.isKnown("FlowRunFailed"));
        assertFalse(EventType.KNOWN.stream().anyMatch(type -> EventType.outcome(type).equals("other")),
                "every documented event has an outcome");
    }
}
