package io.tableaurelay.message;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tableaurelay.message.email.EmailMessages;
import io.tableaurelay.message.slack.SlackMessages;
import io.tableaurelay.message.teams.TeamsMessages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The values a template gets: escaped for its kind of message, with the words for repeats, recoveries and groups. */
class MessageFieldsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-03-02T14:10:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Map<String, MessageFields> KINDS = Map.of(
            "slack", new MessageFields(SlackMessages.ESCAPING, CLOCK),
            "teams", new MessageFields(TeamsMessages.ESCAPING, CLOCK),
            "json", new MessageFields(Escaping.JSON, CLOCK),
            "email", new MessageFields(EmailMessages.ESCAPING, CLOCK),
            "text", new MessageFields(Escaping.PLAIN, CLOCK));

    static Stream<Arguments> namesEscapedPerKind() {
        return Stream.of(
                Arguments.of("slack", "<!channel>", "&lt;!channel&gt;"),
                Arguments.of("slack", "R&D \"Q4\"", "R&amp;D \\\"Q4\\\""),
                Arguments.of("teams", "*bold*", "\\\\*bold\\\\*"),
                Arguments.of("teams", "[x](https://evil)", "\\\\[x\\\\](https://evil)"),
                Arguments.of("teams", "Sales 2026-12-07 (v1.2)!", "Sales 2026-12-07 (v1.2)!"),
                Arguments.of("teams", "- a list\n1. or this", "\\\\- a list\\n1\\\\. or this"),
                Arguments.of("json", "a\"b\\c", "a\\\"b\\\\c"),
                Arguments.of("json", "<!channel> *bold*", "<!channel> *bold*"),
                Arguments.of("email", "<b>a\"b</b> & 'c'", "&lt;b&gt;a&quot;b&lt;/b&gt; &amp; &#39;c&#39;"),
                Arguments.of("text", "<!channel> *bold* a\"b", "<!channel> *bold* a\"b"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource
    void namesEscapedPerKind(String kind, String name, String expected) {
        assertEquals(expected, fieldsFor(kind, event(name, "WorkbookRefreshFailed", NOW), Map.of()).get("name"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiterString = " => ", textBlock = """
            slack => https://t.example/#/views/a|b?x=1&y=2  => https://t.example/#/views/a%7Cb?x=1&amp;y=2
            teams => https://t.example/#/views/a(b)         => https://t.example/#/views/a(b%29
            email => https://t.example/?x=1&y="2"           => https://t.example/?x=1&amp;y=&quot;2&quot;
            text  => https://t.example/?x=1&y=2             => https://t.example/?x=1&y=2
            """)
    void linksLoseWhatEndsTheirAddress(String kind, String link, String expected) {
        assertEquals(expected, fieldsFor(kind, event("Sales", "WorkbookRefreshFailed", NOW), Map.of("itemUrl", link))
                .get("link"));
    }

    @Test
    void anEventIsDescribedInWords() {
        Map<String, Object> values = KINDS.get("text").of(event(null, "DatasourceRefreshFailed", NOW),
                Map.of("itemProject", "Finance", "itemOwner", "ana"));

        assertEquals("(unnamed)", values.get("name"));
        assertEquals("Data source refresh failed", values.get("headline"));
        assertEquals("failure", values.get("outcome"));
        assertEquals("data source", values.get("kind"));
        assertEquals("2026-03-02 06:00 UTC", values.get("when"), "from created_at, not from when it came");
        assertEquals("Finance", values.get("project"));
        assertEquals("ana", values.get("owner"));
        assertEquals("", values.get("link"));
        assertEquals("", values.get("note"));
    }

    static Stream<Arguments> notes() {
        return Stream.of(
                Arguments.of(Map.of("repeat", "true", "failureCount", "3", "failingSince", "2026-03-02T06:00:00Z"),
                        "still failing, 3rd time since 06:00 UTC"),
                Arguments.of(Map.of("repeat", true, "failureCount", 2), "still failing, 2nd time"),
                Arguments.of(Map.of("repeat", "false", "recoveredAfter", "3"), "recovered after 3 failures"),
                Arguments.of(Map.of("recoveredAfter", 1), "recovered after 1 failure"),
                Arguments.of(Map.of("repeat", "false", "failureCount", "1", "recoveredAfter", "0"), ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void notes(Map<String, Object> headers, String expected) {
        assertEquals(expected, KINDS.get("slack").of(event("Sales", "WorkbookRefreshFailed", NOW), headers).get("note"));
    }

    @Test
    void aGroupHasAHeadlineACountAndNamesTheFirstThree() {
        String body = group(IntStream.range(0, 5).mapToObj(minute -> member("Book " + minute, "WorkbookRefreshFailed",
                Instant.parse("2026-03-02T14:05:00Z").plusSeconds(60L * minute))).toList());

        Map<String, Object> values = KINDS.get("text").of(body, Map.of("folded", "false"));

        assertEquals(5, values.get("count"));
        assertEquals("5 workbook refreshes failed", values.get("headline"));
        assertEquals("5 minutes", values.get("window"), "since the first event, by the clock");
        assertEquals("14:05 UTC", values.get("since"));
        assertEquals("Book 0, Book 1, Book 2", values.get("names"));
        assertEquals(2, values.get("more"));
        assertEquals(3, ((List<?>) values.get("shown")).size());
        assertEquals(5, ((List<?>) values.get("items")).size());
        assertEquals("failure", values.get("outcome"));
        assertEquals("WorkbookRefreshFailed", values.get("eventType"));
        assertEquals(false, values.get("folded"));
    }

    static Stream<Arguments> mixedGroups() {
        return Stream.of(
                Arguments.of(List.of("WorkbookRefreshFailed", "DatasourceRefreshFailed"), "2 failures", "failure"),
                Arguments.of(List.of("WorkbookRefreshFailed", "WorkbookCreated"), "2 events", "other"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource
    void mixedGroups(List<String> eventTypes, String headline, String outcome) {
        String body = group(eventTypes.stream().map(type -> member("Sales", type, NOW)).toList());

        Map<String, Object> values = KINDS.get("json").of(body, Map.of("folded", true));

        assertEquals(headline, values.get("headline"));
        assertEquals(outcome, values.get("outcome"));
        assertEquals("", values.get("eventType"), "no one event type");
        assertEquals(true, values.get("folded"));
    }

    @Test
    void aGroupsNamesAndItemsAreEscapedForItsKind() {
        String body = group(List.of(member("<!here>", "ViewDeleted", NOW), member("a&b", "ViewDeleted", NOW)));

        Map<String, Object> values = KINDS.get("slack").of(body, Map.of());

        assertEquals("&lt;!here&gt;, a&amp;b", values.get("names"));
        assertEquals("&lt;!here&gt;", ((Map<?, ?>) ((List<?>) values.get("items")).get(0)).get("name"));
    }

    @Test
    void aGroupsHeadlineIsEscapedOnce() {
        String body = group(List.of(member("a", "Custom.RunFailed", NOW), member("b", "Custom.RunFailed", NOW)));

        assertEquals("2 custom.runs failed", KINDS.get("teams").of(body, Map.of()).get("headline"),
                "escaped once, from the raw event types: a dot is no markup in a Teams card");
    }

    @Test
    void aBodyThatIsNotJsonIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> KINDS.get("text").of("not json", Map.of()));
    }

    private static Map<String, Object> fieldsFor(String kind, String body, Map<String, Object> headers) {
        return KINDS.get(kind).of(body, headers);
    }

    /** An event as it travels on a channel's queue: a TableauEvent as JSON. */
    private static Map<String, Object> eventValues(String name, String eventType, Instant receivedAt) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", "digest-of-" + name);
        event.put("eventType", eventType);
        event.put("resource", "WORKBOOK");
        event.put("resourceName", name);
        event.put("siteLuid", "8b2a95d8-52b9-40a4-8712-cd6da771bd1b");
        event.put("resourceLuid", "d7af7417-8997-48d8-b1ee-c7ad6c23a05f");
        event.put("createdAt", "2026-03-02T06:00:00Z");
        event.put("receivedAt", receivedAt.toString());
        return event;
    }

    private static String event(String name, String eventType, Instant receivedAt) {
        return write(eventValues(name, eventType, receivedAt));
    }

    /** One member of a group's body, as Groups writes it. */
    private static Map<String, Object> member(String name, String eventType, Instant receivedAt) {
        return Map.of("event", eventValues(name, eventType, receivedAt),
                "headers", Map.of("eventType", eventType, "receivedAt", receivedAt.toString()));
    }

    private static String group(List<Map<String, Object>> members) {
        return write(Map.of("events", members));
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
