package io.tableaurelay.message.sms;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One SMS segment: 160 GSM-7 characters (the extended ones count twice) or 70 UTF-16 units, else cut with "...". */
class SmsSegmentTest {

    private final SmsSegment segment = new SmsSegment();

    @ParameterizedTest(name = "{0} × {1}")
    @CsvSource({"a, 160", "é, 160", "€, 80", "ü, 160"})
    void aGsmTextOfOneSegmentIsKept(String character, int times) {
        String text = character.repeat(times);
        assertEquals(text, segment.fit(text));
    }

    @ParameterizedTest(name = "{0} × {1}")
    @CsvSource({"a, 161, 157", "€, 81, 78"})
    void aLongerGsmTextIsCutToOneSegment(String character, int times, int kept) {
        String fitted = segment.fit(character.repeat(times));
        assertEquals(character.repeat(kept) + "...", fitted);
        assertTrue(SmsSegment.gsmLength(fitted) <= 160, fitted);
    }

    @Test
    void anyCharacterOutsideGsmMakesItUnicodeWithSeventy() {
        String seventy = "Ж".repeat(70);
        assertEquals(seventy, segment.fit(seventy));
        assertEquals("Ж".repeat(67) + "...", segment.fit(seventy + "Ж"));
        assertFalse(SmsSegment.isGsm("Refresh failed: `Sales`"), "a backtick is not GSM-7");
    }

    @Test
    void aCutNeverSplitsAnEmoji() {
        String fitted = segment.fit("x".repeat(66) + "😀" + "tail");
        assertEquals("x".repeat(66) + "...", fitted);
    }

    @Test
    void spaceAtTheEndsAndBeforeTheCutGoes() {
        assertEquals("Tableau: Sales failed", segment.fit("  Tableau: Sales failed\n"));
        assertEquals("a".repeat(150) + "...", segment.fit("a".repeat(150) + " ".repeat(20) + "b"));
    }
}
