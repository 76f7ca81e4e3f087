package io.tableaurelay.storm;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import io.tableaurelay.event.HeaderNames;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Which item an event is about (its resource and the event without its outcome), and what the headers say of it,
 * remembered in a real StormState file. {@code record} takes an exchange: made here in a Camel context that is never
 * started.
 */
class ItemOutcomesTest {

    private static final String LUID = "d7af7417-8997-48d8-b1ee-c7ad6c23a05f";
    private static final Instant START = Instant.parse("2026-03-02T06:00:00Z");

    @TempDir
    Path dataDir;
    private StormState state;
    private ItemOutcomes outcomes;

    @BeforeEach
    void open() {
        state = new StormState(dataDir);
        outcomes = new ItemOutcomes(state, Duration.ofHours(1), Clock.fixed(START, ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        state.close();
    }

    @Test
    void aRefreshFailureRepeatsAndTheRefreshsSuccessEndsTheRun() {
        record("e1", "WorkbookRefreshFailed", 0);
        Message repeat = record("e2", "WorkbookRefreshFailed", 10);
        assertEquals(Map.of("repeat", true, "failureCount", 2, "failingSince", START.toString(), "recoveredAfter", 0),
                storm(repeat));

        Message recovery = record("e3", "WorkbookRefreshSucceeded", 20);
        assertEquals(Map.of("repeat", false, "failureCount", 0, "recoveredAfter", 2), storm(recovery));
    }

    @Test
    void anotherFamilyOfEventsIsAnotherItem() {
        record("e1", "WorkbookRefreshFailed", 0);
        assertEquals(false, record("e2", "DatasourceRefreshFailed", 1).getHeader("repeat"));
        assertNull(record("e3", "WorkbookDeleted", 2).getHeader("repeat"), "only failures and successes count");
    }

    @Test
    void aCopyOfAnEventGetsWhatTheFirstGotAndIsNotCountedAgain() {
        record("e1", "WorkbookRefreshFailed", 0);
        Map<String, Object> first = storm(record("e2", "WorkbookRefreshFailed", 5));
        assertEquals(first, storm(record("e2", "WorkbookRefreshFailed", 5)));
        assertEquals(3, record("e3", "WorkbookRefreshFailed", 6).getHeader("failureCount"));
    }

    @Test
    void theHistorySurvivesARestart() {
        record("e1", "WorkbookRefreshFailed", 0);
        state.close();

        open();
        assertEquals(2, record("e2", "WorkbookRefreshFailed", 10).getHeader("failureCount"));
    }

    private Message record(String eventId, String eventType, int minute) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        Message message = exchange.getMessage();
        message.setHeader("eventId", eventId);
        message.setHeader("eventType", eventType);
        message.setHeader("resourceLuid", LUID);
        message.setHeader("receivedAt", START.plus(Duration.ofMinutes(minute)).toString());
        outcomes.record(exchange);
        return message;
    }

    /** The headers ItemOutcomes writes. */
    private static Map<String, Object> storm(Message message) {
        Map<String, Object> headers = new HashMap<>(message.getHeaders());
        headers.keySet().retainAll(Set.of(HeaderNames.REPEAT, HeaderNames.FAILURE_COUNT,
                HeaderNames.FAILING_SINCE, HeaderNames.RECOVERED_AFTER));
        return headers;
    }
}
