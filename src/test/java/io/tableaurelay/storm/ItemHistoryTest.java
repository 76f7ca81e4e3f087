package io.tableaurelay.storm;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** An item's run of failures: when a failure repeats one, and how many failures a success ends. */
class ItemHistoryTest {

    private static final Instant START = Instant.parse("2026-03-02T06:00:00Z");
    private static final Duration REPEAT_INTERVAL = Duration.ofMinutes(60);

    /** Outcomes at minutes after 06:00, F for a failure and S for a success ("F0 F30 S40"); then the history. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            F0,          true,  1, 0,  false, 0
            F0 F30,      true,  2, 0,  true,  0
            F0 F30 F80,  true,  3, 0,  true,  0
            F0 F60,      true,  2, 0,  true,  0
            F0 F61,      true,  1, 61, false, 0
            F0 F30 S40,  false, 0, ,   false, 2
            S0,          false, 0, ,   false, 0
            F0 S10 F20,  true,  1, 20, false, 0
            F0 S10 S20,  false, 0, ,   false, 0
            """)
    void aRunOfFailures(String outcomes, boolean failing, int failures, Integer sinceMinute, boolean repeat,
            int recoveredAfter) {
        ItemHistory history = replay(outcomes);

        assertEquals(failing, history.failing());
        assertEquals(failures, history.failures());
        assertEquals(sinceMinute == null ? null : START.plus(Duration.ofMinutes(sinceMinute)), history.since());
        assertEquals(repeat, history.repeat());
        assertEquals(recoveredAfter, history.recoveredAfter());
    }

    @Test
    void aSuccessRemembersTheLastFailure() {
        assertEquals(START.plus(Duration.ofMinutes(30)), replay("F0 F30 S40 S50").lastFailureAt());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"F0 F30", "F0 F30 S40", "S0"})
    void itIsStoredAsTextAndReadBack(String outcomes) {
        ItemHistory history = replay(outcomes);
        assertEquals(history, ItemHistory.parse(history.format()));
    }

    private static ItemHistory replay(String outcomes) {
        ItemHistory history = null;
        for (String outcome : outcomes.split(" ")) {
            Instant at = START.plus(Duration.ofMinutes(Long.parseLong(outcome.substring(1))));
            history = ItemHistory.after(history, "event-" + outcome, outcome.startsWith("F"), at, REPEAT_INTERVAL);
        }
        return history;
    }
}
