package io.tableaurelay.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The line that sums up what a maintenance window held. */
class MaintenanceSummaryTest {

    @Test
    void failuresThenWhichSucceededSinceAndWhichStillFail() {
        List<Map<String, Object>> items = new ArrayList<>();
        List<String> types = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            items.add(Map.of("resourceLuid", "luid-" + i, "name", "Extract " + i));
            types.add("DatasourceRefreshFailed");
        }
        items.add(Map.of("resourceLuid", "luid-1", "name", "Extract 1"));
        types.add("DatasourceRefreshSucceeded");
        items.add(Map.of("resourceLuid", "luid-9", "name", "Untouched"));
        types.add("DatasourceRefreshSucceeded");
        assertEquals("during maintenance 02:00-04:00: 8 data source refreshes failed, 1 of them has succeeded since; "
                + "still failing: Extract 2, Extract 3, Extract 4, Extract 5, Extract 6 and 2 more",
                MaintenanceSummary.of("02:00-04:00", items, types, text -> text));
    }

    @Test
    void withoutFailuresItCountsWhatCame() {
        assertEquals("during maintenance 18:00-23:00: 2 workbooks created",
                MaintenanceSummary.of("18:00-23:00", List.of(Map.of("resourceLuid", "a", "name", "A"),
                        Map.of("resourceLuid", "b", "name", "B")), List.of("WorkbookCreated", "WorkbookCreated"), text -> text));
    }

    @Test
    void theWordsAreEscapedAndTheNamesAreNotEscapedAgain() {
        String summary = MaintenanceSummary.of("02:00-04:00", List.of(Map.of("resourceLuid", "a", "name", "&lt;A&gt;")),
                List.of("DatasourceRefreshFailed"), text -> text.replace(":", "&#58;"));
        assertEquals("during maintenance 02&#58;00-04&#58;00&#58; 1 data source refresh failed; still failing&#58; &lt;A&gt;",
                summary);
    }
}
