package io.tableaurelay;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.tableaurelay.event.EventType;
import io.tableaurelay.support.ChannelStandIn;
import io.tableaurelay.support.Events;
import io.tableaurelay.support.Received;
import io.tableaurelay.support.RunningRelay;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static io.tableaurelay.support.ChannelStandIn.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Events posted to the running relay reach the Slack, Twilio and IFTTT stand-ins as each expects. */
@Tag("relay")
class ChannelDeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String RECIPIENT_1 = "+15550000002";
    private static final String RECIPIENT_2 = "+15550000003";

    private static final AtomicInteger SENTINELS = new AtomicInteger();

    private static ChannelStandIn standIn;
    private static RunningRelay relay;

    @BeforeAll
    static void start() {
        standIn = new ChannelStandIn();
        relay = RunningRelay.start(standIn.allChannelsWith(Map.of(
                "slack.events", "*Failed, *Deleted",
                "twilio.events", "*RefreshFailed",
                "ifttt.events", "Workbook*",
                "twilio.to", RECIPIENT_1 + ", " + RECIPIENT_2)));
    }

    @AfterAll
    static void stop() {
        relay.close();
        standIn.close();
    }

    /** Lets what earlier tests posted arrive first, so that each test sees only its own messages. */
    @BeforeEach
    void freshStandIn() {
        postSentinelAndWait();
        standIn.answerAllWithSuccess();
    }

    @Test
    void everyKnownEventReachesExactlyTheChannelsWhoseFiltersMatch() {
        for (String type : EventType.KNOWN) {
            HttpResponse<String> response = relay.post(Events.event(type, "WORKBOOK", "item-" + type));
            assertEquals(200, response.statusCode(), type);
            assertEquals("{\"status\": \"accepted\"}", response.body());
        }
        postSentinelAndWait();

        Set<String> slackWants = EventType.KNOWN.stream()
                .filter(type -> type.endsWith("Failed") || type.endsWith("Deleted"))
                .collect(Collectors.toSet());
        Set<String> smsWants = Set.of("DatasourceRefreshFailed", "WorkbookRefreshFailed");
        Set<String> iftttWants = EventType.KNOWN.stream().filter(type -> type.startsWith("Workbook"))
                .collect(Collectors.toSet());
        assertEquals(8, slackWants.size());
        assertEquals(6, iftttWants.size());

        assertEquals(itemNames(slackWants), names(standIn.slack(), Received::slackText));
        assertEquals(itemNames(iftttWants), names(standIn.ifttt(), Received::iftttName));
        List<LoggedRequest> sms = withoutSentinel(standIn.twilio());
        assertEquals(2 * smsWants.size(), sms.size(), "one SMS per recipient and event");
        assertEquals(itemNames(smsWants), names(sms, Received::smsBody));
    }

    @Test
    void slackGetsBlockKitWithNamesEscapedForMrkdwn() {
        relay.post(Events.event("WorkbookRefreshFailed", "EXTRACTS", "<!channel> Sales & <Co>"));
        LoggedRequest request = await("Slack message", WAIT, standIn::slack, list -> !list.isEmpty()).get(0);

        assertEquals(ChannelStandIn.SLACK_HOOK, request.getUrl());
        assertTrue(request.getHeader("Content-Type").startsWith("application/json"));
        String body = request.getBodyAsString();
        assertFalse(body.contains("<!channel>"), body);
        assertFalse(body.contains("<Co>"), body);
        JsonNode message = Received.json(request);
        assertEquals(":red_circle: Workbook refresh failed: &lt;!channel&gt; Sales &amp; &lt;Co&gt; (workbook)",
                message.path("text").asText());
        JsonNode section = message.path("blocks").get(0);
        assertEquals("section", section.path("type").asText());
        assertEquals("mrkdwn", section.path("text").path("type").asText());
        assertTrue(section.path("text").path("text").asText().contains("*&lt;!channel&gt; Sales &amp; &lt;Co&gt;*"));
        JsonNode context = message.path("blocks").get(1);
        assertTrue(context.path("elements").get(0).path("text").asText().contains("2026-11-29 17:14 UTC"),
                context.toString());
    }

    @Test
    void smsGoesThroughTwilioToEachRecipient() {
        relay.post(Events.event("DatasourceRefreshFailed", "EXTRACTS", "Superstore Sales"));
        List<LoggedRequest> requests = await("two SMS", WAIT, standIn::twilio, list -> list.size() == 2);

        String basicAuth = "Basic " + Base64.getEncoder().encodeToString(
                (ChannelStandIn.TWILIO_SID + ":" + ChannelStandIn.TWILIO_TOKEN).getBytes(StandardCharsets.UTF_8));
        for (LoggedRequest request : requests) {
            assertEquals("/twilio" + ChannelStandIn.TWILIO_MESSAGES, request.getUrl());
            assertEquals(basicAuth, request.getHeader("Authorization"));
            Map<String, String> form = Received.form(request);
            assertEquals("+15550000001", form.get("From"));
            assertEquals("Tableau: Data source refresh failed 2026-11-29 17:14 UTC: Superstore Sales",
                    form.get("Body"));
        }
        assertEquals(Set.of(RECIPIENT_1, RECIPIENT_2),
                requests.stream().map(request -> Received.form(request).get("To")).collect(Collectors.toSet()));
    }

    @Test
    void aLongNameIsCutSoTheSmsFitsOneSegment() {
        String longName = "Quarterly revenue by region ".repeat(10).trim();
        relay.post(Events.event("WorkbookRefreshFailed", "EXTRACTS", longName));
        String body = Received.smsBody(await("SMS", WAIT, standIn::twilio, list -> !list.isEmpty()).get(0));

        assertTrue(body.length() <= 160, body.length() + ": " + body);
        assertTrue(body.startsWith("Tableau: Workbook refresh failed 2026-11-29 17:14 UTC: Quarterly revenue"), body);
        assertTrue(body.endsWith("..."), body);
    }

    @Test
    void iftttIsTriggeredWithNameEventAndTime() {
        relay.post(Events.event("WorkbookCreated", "WORKBOOK", "Sales \\\"Q4\\\""));
        LoggedRequest request = await("IFTTT trigger", WAIT, standIn::ifttt, list -> !list.isEmpty()).get(0);

        assertEquals("/ifttt/trigger/WorkbookCreated/with/key/" + ChannelStandIn.IFTTT_KEY, request.getUrl());
        assertTrue(request.getHeader("Content-Type").startsWith("application/json"));
        for (String internal : List.of("eventId", "eventType", "resource", "resourceLuid", "itemUrl", "iftttEvent")) {
            assertFalse(request.containsHeader(internal), "the relay's own header reached IFTTT: " + internal);
        }
        JsonNode values = Received.json(request);
        assertEquals("Sales \"Q4\"", values.path("value1").asText());
        assertEquals("WorkbookCreated", values.path("value2").asText());
        assertEquals("2026-11-29 17:14 UTC", values.path("value3").asText());
    }

    @Test
    void theEarlyHyphenatedFieldNamesAreAccepted() {
        HttpResponse<String> response = relay.post(Events.hyphenatedEvent("WorkbookRefreshFailed", "EXTRACTS", "Old Style"));
        assertEquals(200, response.statusCode());

        await("Slack", WAIT, standIn::slack, list -> Received.mentions(list, "Old Style"));
        await("IFTTT", WAIT, standIn::ifttt, list -> Received.mentions(list, "Old Style"));
        await("SMS", WAIT, standIn::twilio, list -> list.size() == 2 && Received.mentions(list, "Old+Style"));
    }

    @Test
    void tableausTestWebhookIsAnsweredAndSendsNothing() {
        HttpResponse<String> empty = relay.post("");
        HttpResponse<String> typed = relay.post("{\"event_type\": \"Test\", \"resource_name\": \"test-marker\"}");

        assertEquals(200, empty.statusCode());
        assertEquals("{\"status\": \"test\"}", empty.body());
        assertEquals(200, typed.statusCode());
        assertEquals("{\"status\": \"test\"}", typed.body());
        postSentinelAndWait();
        assertEquals(1, standIn.ifttt().size());
        assertTrue(Received.iftttName(standIn.ifttt().get(0)).startsWith("sentinel"));
        assertEquals(1, standIn.slack().size());
        assertEquals(2, standIn.twilio().size());
    }

    @Test
    void badInputGetsAClearAnswerAndSendsNothing() {
        assertRejected(relay.post("{\"event_type\": \"WorkbookRefreshFailed\""), 400,
                "body is not valid JSON: the body ends too early, at line 1, column 39");
        assertRejected(relay.post("[{\"event_type\": \"WorkbookRefreshFailed\"}]"), 400, "body is not a JSON object");
        assertRejected(relay.post("\"WorkbookRefreshFailed\""), 400, "body is not a JSON object");
        assertRejected(relay.post("{\"resource_name\": \"no type\"}"), 400, "event has no event_type");
        assertRejected(relay.post("{\"event_type\": \"\"}"), 400, "event has no event_type");
        assertRejected(relay.post("{\"event_type\": {\"x\": 1}}"), 400, "event_type must be a string");
        assertRejected(relay.post("{\"event_type\": \"WorkbookRefreshFailed\", \"resource_name\": [1]}"), 400,
                "resource_name must be a string");
        assertRejected(relay.send(HttpRequest.newBuilder(relay.webhookUrl())
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("event_type=WorkbookRefreshFailed"))),
                415, "send the event as application/json");

        String huge = Events.event("WorkbookRefreshFailed", "EXTRACTS", "x".repeat(70_000));
        assertEquals(413, relay.post(huge).statusCode());
        assertEquals(405, relay.send(HttpRequest.newBuilder(relay.webhookUrl()).GET()).statusCode());
        assertEquals(405, relay.send(HttpRequest.newBuilder(relay.webhookUrl())
                .PUT(HttpRequest.BodyPublishers.ofString("{}"))).statusCode());
        assertEquals(404, relay.send(HttpRequest.newBuilder(relay.url("/elsewhere"))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))).statusCode());

        postSentinelAndWait();
        assertEquals(1, standIn.slack().size());
        assertEquals(2, standIn.twilio().size());
        assertEquals(1, standIn.ifttt().size());
    }

    @Test
    void anUnknownEventTypeIsAcceptedAndRoutedByTheFilters() {
        HttpResponse<String> response = relay.post(Events.event("WorkbookArchived", "WORKBOOK", "Archived One"));
        assertEquals(200, response.statusCode());

        LoggedRequest request = await("IFTTT", WAIT, standIn::ifttt, list -> !list.isEmpty()).get(0);
        assertEquals("WorkbookArchived", Received.json(request).path("value2").asText());
        postSentinelAndWait();
        assertFalse(Received.mentions(standIn.slack(), "Archived One"));
        assertFalse(Received.mentions(standIn.twilio(), "Archived+One"));
    }

    private static void assertRejected(HttpResponse<String> response, int status, String reason) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("{\"error\": \"" + reason + "\"}", response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    }

    /**
     * Posts an event every channel wants and waits until all have it. The channels' queues are first in,
     * first out, so once the sentinel is there, nothing posted before it is still on its way.
     */
    private static void postSentinelAndWait() {
        String sentinel = "sentinel" + SENTINELS.incrementAndGet() + "end";
        relay.post(Events.event("WorkbookRefreshFailed", "EXTRACTS", sentinel));
        await("sentinel at Slack", WAIT, standIn::slack, list -> Received.mentions(list, sentinel));
        await("sentinel at IFTTT", WAIT, standIn::ifttt, list -> Received.mentions(list, sentinel));
        await("sentinel at Twilio", WAIT, standIn::twilio,
                list -> list.stream().filter(r -> r.getBodyAsString().contains(sentinel)).count() == 2);
    }

    private static Set<String> itemNames(Set<String> eventTypes) {
        return eventTypes.stream().map(type -> "item-" + type).collect(Collectors.toSet());
    }

    /** The item names in what a channel received, sentinel aside. */
    private static Set<String> names(List<LoggedRequest> requests, Function<LoggedRequest, String> text) {
        return withoutSentinel(requests).stream()
                .map(text)
                .map(ChannelDeliveryTest::itemName)
                .collect(Collectors.toSet());
    }

    private static List<LoggedRequest> withoutSentinel(List<LoggedRequest> requests) {
        return requests.stream().filter(request -> !request.getBodyAsString().contains("sentinel")).toList();
    }

    private static String itemName(String text) {
        int start = text.indexOf("item-");
        if (start < 0) {
            return text;
        }
        int end = start;
        while (end < text.length() && Character.isLetterOrDigit(text.charAt(end)) || end < text.length()
                && text.charAt(end) == '-') {
            end++;
        }
        return text.substring(start, end);
    }
}
