package io.tableaurelay.storm;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Maintenance windows as maintenance.windows writes them: weekly or on a date, in a zone, across midnight. */
class MaintenanceWindowsTest {

    private static final MaintenanceWindows WINDOWS =
            MaintenanceWindows.parse("Sun 02:00-04:00 Europe/Berlin; 2026-12-24 18:00-23:00 UTC; sat 23:30-0:30 UTC");

    @Test
    void aWeeklyWindowIsInItsZone() {
        // Sunday 6 December 2026, 02:30 in Berlin is 01:30 UTC
        assertEquals(Optional.of(Instant.parse("2026-12-06T03:00:00Z")),
                WINDOWS.windows().get(0).endIfIn(Instant.parse("2026-12-06T01:30:00Z")));
        assertTrue(WINDOWS.at(Instant.parse("2026-12-06T03:00:00Z")).isEmpty(), "the end is not in it");
        assertTrue(WINDOWS.at(Instant.parse("2026-12-13T00:59:00Z")).isEmpty(), "before the start a week later");
        assertEquals("02:00-04:00", WINDOWS.at(Instant.parse("2026-12-13T01:00:00Z")).orElseThrow().label());
    }

    @Test
    void aDatedWindowIsOnThatDateOnly() {
        assertEquals("18:00-23:00", WINDOWS.at(Instant.parse("2026-12-24T22:59:59Z")).orElseThrow().label());
        assertTrue(WINDOWS.at(Instant.parse("2027-12-24T20:00:00Z")).isEmpty());
    }

    @Test
    void aWindowThatEndsBeforeItStartsEndsTheNextDay() {
        assertEquals(Optional.of(Instant.parse("2026-12-06T00:30:00Z")),
                WINDOWS.windows().get(2).endIfIn(Instant.parse("2026-12-06T00:10:00Z")), "Sunday morning, from Saturday");
        assertTrue(WINDOWS.at(Instant.parse("2026-12-07T00:10:00Z")).isEmpty(), "not after Sunday");
    }

    @Test
    void aWindowWrittenWronglySaysHowToWriteIt() {
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> MaintenanceWindows.parse("Sunday 02:00 to 04:00"));
        assertTrue(wrong.getMessage().startsWith("a maintenance window is written like 'Sun 02:00-04:00 Europe/Berlin'"),
                wrong.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MaintenanceWindows.parse("Sun 02:00-04:00 Mars/Olympus"));
        assertThrows(IllegalArgumentException.class, () -> MaintenanceWindows.parse("Sun 25:00-04:00 UTC"));
        assertThrows(IllegalArgumentException.class, () -> MaintenanceWindows.parse("Xyz 02:00-04:00 UTC"));
        assertTrue(MaintenanceWindows.parse(" ; ").windows().isEmpty());
    }
}
