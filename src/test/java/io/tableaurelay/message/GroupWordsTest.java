package io.tableaurelay.message;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The words for many events at once. */
class GroupWordsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '=', textBlock = """
            DatasourceRefreshFailed          = 12 data source refreshes failed
            WorkbookCreated                  = 12 workbooks created
            ViewDeleted                      = 12 views deleted
            AdminPromoted                    = 12 users promoted to administrator
            FlowRunFailed                    = 12 flow runs failed
            DatasourceRefreshFailed|WorkbookRefreshFailed = 12 failures
            WorkbookRefreshSucceeded|DatasourceRefreshSucceeded = 12 successes
            WorkbookCreated|WorkbookDeleted  = 12 events
            Test|Other                       = 12 events
            """)
    void aHeadlineNamesOneEventTypeOrTheOneOutcomeOrSaysEvents(String eventTypes, String headline) {
        assertEquals(headline, GroupWords.headline(List.of(eventTypes.split("\\|")), 12));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '=', textBlock = """
            Data source refresh failed = data source refreshes failed
            Workbook created           = workbooks created
            Box created                = boxes created
            Policy updated             = policies updated
            Day started                = days started
            Shared view deleted        = shared views deleted
            """)
    void thePluralIsTheNounBeforeTheVerb(String words, String plural) {
        assertEquals(plural, GroupWords.plural(words));
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            0,     1 second
            1,     1 second
            45,    45 seconds
            60,    1 minute
            89,    1 minute
            90,    2 minutes
            7199,  120 minutes
            7200,  2 hours
            10800, 3 hours
            """)
    void aSpanIsInSecondsMinutesOrHours(long seconds, String words) {
        assertEquals(words, GroupWords.span(Duration.ofSeconds(seconds)));
    }

    @ParameterizedTest
    @CsvSource({"1, 1st", "2, 2nd", "3, 3rd", "4, 4th", "11, 11th", "12, 12th", "13, 13th", "21, 21st", "22, 22nd",
            "101, 101st", "111, 111th", "112, 112th"})
    void ordinals(int number, String ordinal) {
        assertEquals(ordinal, GroupWords.ordinal(number));
    }

    @ParameterizedTest
    @CsvSource({"0, 0 failures", "1, 1 failure", "2, 2 failures"})
    void quantities(long count, String words) {
        assertEquals(words, GroupWords.quantity(count, "failure"));
    }
}
