package io.tableaurelay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import io.tableaurelay.support.Events;
import io.tableaurelay.support.RunningRelay;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void starts() {
        try (RunningRelay relay = RunningRelay.start(Map.of())) {
            assertEquals(200, relay.post(Events.event("WorkbookCreated", "WORKBOOK", "x")).statusCode());
        }
    }
}
