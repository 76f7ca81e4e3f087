package io.tableaurelay;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.tableaurelay.support.ChannelStandIn;
import io.tableaurelay.support.Events;
import io.tableaurelay.support.Received;
import io.tableaurelay.support.RunningRelay;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static io.tableaurelay.support.ChannelStandIn.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the relay makes of a body's bytes: UTF-8 and nothing else (RFC 8259), and a JSON error that says where the
 * body went wrong and which character is there. A refused body is never delivered; the event posted after it is.
 */
@Tag("relay")
class RequestBodyTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String NAME = "NAME";

    private static ChannelStandIn standIn;
    private static RunningRelay relay;

    @BeforeAll
    static void start() {
        standIn = new ChannelStandIn();
        Map<String, String> all = standIn.allChannels();
        relay = RunningRelay.start(Map.of("ifttt.key", all.get("ifttt.key"), "ifttt.base-url",
                all.get("ifttt.base-url"), "ifttt.events", "*"));
    }

    @AfterAll
    static void stop() {
        relay.close();
        standIn.close();
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedAndNothingOfThemIsDelivered() {
        Map<String, int[]> notUtf8 = new LinkedHashMap<>();
        notUtf8.put("FF FE in a name", new int[] {0xff, 0xfe});
        notUtf8.put("a lone continuation byte", new int[] {0x80});
        notUtf8.put("an overlong slash", new int[] {0xc0, 0xaf});
        notUtf8.put("an overlong NUL", new int[] {0xc0, 0x80});
        notUtf8.put("an overlong slash in three bytes", new int[] {0xe0, 0x80, 0xaf});
        notUtf8.put("an encoded surrogate", new int[] {0xed, 0xa0, 0x80});
        notUtf8.put("a sequence cut short", new int[] {0xe2, 0x82});
        notUtf8.put("beyond U+10FFFF", new int[] {0xf4, 0x90, 0x80, 0x80});
        notUtf8.forEach((what, bytes) -> {
            HttpResponse<String> response = relay.post(eventNamed("Sales ", bytes, " " + what));
            assertEquals(400, response.statusCode(), what + ": " + response.body());
            assertEquals("{\"error\": \"body is not valid UTF-8\"}", response.body(), what);
        });

        String name = "Umsatz Caf\u00e9 \u2713 \ud83d\ude00 \u4e2d\u6587";
        assertEquals(200, relay.post(Events.event("WorkbookRefreshFailed", "EXTRACTS", name)).statusCode());
        var delivered = await("the valid event at IFTTT", WAIT, standIn::ifttt, list -> !list.isEmpty());
        assertEquals(1, delivered.size(), "only the valid event: " + delivered);
        assertEquals(name, Received.iftttName(delivered.get(0)), "every character as sent");
    }

    @Test
    void aJsonErrorNamesTheCharacterAndWhereItIs() {
        Map<String, String> errors = new LinkedHashMap<>();
        // a no-break space pasted from Tableau's documentation
        errors.put("{\n  \u00a0\"event_type\": \"WorkbookRefreshFailed\"}",
                "unexpected character U+00A0 at line 2, column 3 (NO-BREAK SPACE)");
        errors.put("{\"event_type\": \"WorkbookRefreshFailed\"\n \"resource\": \"EXTRACTS\"}",
                "unexpected character U+0022 at line 2, column 2 (QUOTATION MARK)");
        errors.put("{\"event_type\": WorkbookRefreshFailed}",
                "unexpected character U+0057 at line 1, column 16 (LATIN CAPITAL LETTER W)");
        errors.put("{\"event_type\": \"WorkbookRefreshFailed\" \ud83d\ude00}",
                "unexpected character U+1F600 at line 1, column 40 (GRINNING FACE)");
        errors.put("{\"event_type\": \"Workbook\u0001\"}",
                "unexpected character U+0001 at line 1, column 25 (START OF HEADING)");
        errors.put("{\"event_type\": \"Work", "the body ends too early, at line 1, column 21");
        errors.put("{\"event_type\": \"A\"} {\"event_type\": \"B\"}", "a second value starts at line 1, column 21");
        errors.put("{\"event_type\": \"A\", \"x\": " + "[".repeat(20) + "]".repeat(20) + "}",
                "nested more than 16 levels deep");
        errors.forEach((body, reason) -> {
            HttpResponse<String> response = relay.post(body);
            assertEquals(400, response.statusCode(), body + ": " + response.body());
            assertEquals("{\"error\": \"body is not valid JSON: " + reason + "\"}", response.body(), body);
        });
    }

    /** A Tableau event whose name holds {@code bytes} between two pieces of text. */
    private static byte[] eventNamed(String before, int[] bytes, String after) {
        String[] around = Events.event("WorkbookRefreshFailed", "EXTRACTS", NAME).split(NAME);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes((around[0] + before).getBytes(StandardCharsets.UTF_8));
        for (int b : bytes) {
            body.write(b);
        }
        body.writeBytes((after + around[1]).getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }
}
