package io.tableaurelay.registration;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tableau's notes on a failed job, made into a reason a message can show. */
class FailedRefreshesTest {

    @Test
    void theNotesOnOneLineWithoutTheJavaExceptionClass() {
        assertEquals("[Microsoft][ODBC Driver 17 for SQL Server][SQL Server]Login failed for user. Integrated "
                + "authentication failed.", FailedRefreshes.readable("java.lang.RuntimeException: [Microsoft][ODBC "
                + "Driver 17 for SQL Server][SQL Server]Login failed for user.\\nIntegrated authentication failed.\n"));
    }

    @Test
    void aStackTraceIsCutAtAWordWithAnEllipsis() {
        String notes = "Connection refused " + "at com.tableausoftware.Worker.run ".repeat(40);
        String reason = FailedRefreshes.readable(notes);

        assertTrue(reason.length() <= FailedRefreshes.LONGEST_REASON, reason);
        assertTrue(reason.endsWith("…"), reason);
        String kept = reason.substring(0, reason.length() - 1);
        assertTrue(notes.startsWith(kept + " "), "cut at a word: " + reason);
    }

    @Test
    void plainTextStaysAsItIs() {
        assertEquals("The data source is offline.", FailedRefreshes.readable("  The data source is offline. "));
    }
}
