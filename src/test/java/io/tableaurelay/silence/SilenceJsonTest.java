package io.tableaurelay.silence;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tableaurelay.channel.EventFacts;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A silence read from the admin API's JSON, what it matches, and how it changes and reads back from the store. */
class SilenceJsonTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final List<String> CHANNELS = List.of("slack", "sms");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void forCountsFromTheStartAndTheMatchersTakeListsOrText() {
        Silence silence = create("""
                {"eventTypes": "*RefreshFailed, WorkbookDeleted", "projects": ["Finance*"], "channels": ["sms"],
                 "startsAt": "2026-12-07T12:00:00Z", "for": "2h", "comment": "upgrade"}""");
        assertEquals(Instant.parse("2026-12-07T14:00:00Z"), silence.endsAt());
        assertEquals(List.of("*RefreshFailed", "WorkbookDeleted"), silence.matchers().eventTypes());
        assertEquals(Silence.PENDING, silence.state(NOW));
        assertEquals(Silence.ACTIVE, silence.state(Instant.parse("2026-12-07T13:00:00Z")));
        assertEquals(Silence.EXPIRED, silence.state(Instant.parse("2026-12-07T14:00:00Z")), "the end is not in it");
    }

    @Test
    void everyMatcherGivenMustMatch() {
        SilenceMatchers matchers = create("""
                {"eventTypes": "*RefreshFailed", "sites": "finance", "items": "Sales*", "channels": "sms",
                 "for": "1h", "comment": "c"}""").matchers();
        assertTrue(matchers.matches("sms", facts("DatasourceRefreshFailed", "finance", "Sales Extract")));
        assertTrue(matchers.matches("sms", new EventFacts("WorkbookRefreshFailed", "finance", null, true, "", "Sales", false, 0)),
                "a site by its LUID");
        assertFalse(matchers.matches("slack", facts("DatasourceRefreshFailed", "finance", "Sales Extract")));
        assertFalse(matchers.matches("sms", facts("DatasourceRefreshSucceeded", "finance", "Sales Extract")));
        assertFalse(matchers.matches("sms", facts("DatasourceRefreshFailed", "ops", "Sales Extract")));
        assertFalse(matchers.matches("sms", facts("DatasourceRefreshFailed", "finance", "Ops KPIs")));
    }

    @Test
    void aChangeSetsTheEndFromNowAndKeepsTheRest() {
        Silence silence = create("{\"items\": \"Sales*\", \"for\": \"2h\", \"comment\": \"c\"}");
        Silence longer = SilenceJson.change(json("{\"for\": \"3h\"}"), silence, NOW.plusSeconds(600));
        assertEquals(NOW.plusSeconds(600).plus(Duration.ofHours(3)), longer.endsAt());
        assertEquals(silence.matchers(), longer.matchers());
        assertEquals("new", SilenceJson.change(json("{\"comment\": \"new\"}"), silence, NOW).comment());
        assertThrows(InvalidSilenceException.class,
                () -> SilenceJson.change(json("{\"endsAt\": \"2026-12-07T09:00:00Z\"}"), silence, NOW));
    }

    @Test
    void whatTheStoreKeepsReadsBackAsTheSameSilence() {
        Silence silence = create("{\"items\": \"Sales*\", \"channels\": \"slack\", \"for\": \"2h\", \"comment\": \"c\"}");
        assertEquals(silence, SilenceJson.stored(JSON.valueToTree(silence.asMap())));
        assertNull(SilenceJson.stored(json("{\"id\": \"x\", \"startsAt\": \"yesterday\"}")), "not a silence");
    }

    private static EventFacts facts(String eventType, String siteContentUrl, String item) {
        return new EventFacts(eventType, "8b2a95d8", siteContentUrl, true, "Finance", item, false, 0);
    }

    private static Silence create(String body) {
        return SilenceJson.create(json(body), CHANNELS, NOW, "silence-1");
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
