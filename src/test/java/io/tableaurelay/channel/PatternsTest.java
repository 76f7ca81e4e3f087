package io.tableaurelay.channel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A comma-separated list of names where * stands for any text; every other character stands for itself. */
class PatternsTest {

    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            *RefreshFailed                | DatasourceRefreshFailed | true
            *RefreshFailed                | RefreshFailed           | true
            *RefreshFailed                | RefreshFailedAgain      | false
            Workbook*                     | WorkbookCreated         | true
            Workbook*                     | MyWorkbookCreated       | false
            ViewDeleted, Workbook*        | ViewDeleted             | true
            ViewDeleted,Workbook*         | SiteDeleted             | false
            *                             | ''                      | true
            Sales*Q4                      | Sales 2025 Q4           | true
            Sales*Q4                      | Sales 2025 Q4 copy      | false
            Sales (Q4).v2                 | Sales (Q4).v2           | true
            Sales (Q4).v2                 | Sales Q4xv2             | false
            a+b?[c]                       | a+b?[c]                 | true
            a+b?[c]                       | aab[c]                  | false
            """)
    void matches(String patterns, String text, boolean matches) {
        assertEquals(matches, new Patterns(patterns).matches(text));
    }

    @Test
    void anEmptyListMatchesNothingAndSaysNone() {
        Patterns none = new Patterns(" , ");
        assertTrue(none.isEmpty());
        assertFalse(none.matches("ViewDeleted"));
        assertEquals("(none)", none.toString());
        assertFalse(new Patterns("*").matches(null));
    }

    @Test
    void itDescribesItselfWithoutSpaces() {
        assertEquals("*Failed,Finance*", new Patterns(" *Failed , Finance* ,").toString());
    }
}
