package io.tableaurelay;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.standardwebhooks.Webhook;
import io.tableaurelay.support.ChannelStandIn;
import io.tableaurelay.support.Events;
import io.tableaurelay.support.Received;
import io.tableaurelay.support.RunningRelay;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static io.tableaurelay.support.ChannelStandIn.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Teams and forward channels, against a WireMock stand-in for Teams' Workflows webhook and any HTTPS receiver. */
@Tag("relay")
class HttpChannelsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String LUID = "4a1f3a9e-6c1d-4a10-9d5c-5f7a0f2d9b11";

    @RegisterExtension
    final ChannelStandIn standIn = new ChannelStandIn();

    @Test
    void teamsGetsAnAdaptiveCardAtItsWorkflowAddressWithMarkdownInNamesEscaped() {
        try (RunningRelay relay = RunningRelay.start(Map.of("teams.webhook-url",
                standIn.base() + ChannelStandIn.TEAMS_HOOK + ChannelStandIn.TEAMS_QUERY))) {
            String name = "**Sales** [click](https://evil.example) {{DATE(2017-02-14T06:00:00Z, SHORT)}}";
            relay.post(Events.event("WorkbookRefreshFailed", "EXTRACTS", name));
            LoggedRequest request = await("Teams", WAIT, standIn::teams, list -> !list.isEmpty()).get(0);

            assertEquals(ChannelStandIn.TEAMS_HOOK + ChannelStandIn.TEAMS_QUERY, request.getUrl(),
                    "the workflow's address, signature included, exactly as given");
            assertTrue(request.getHeader("Content-Type").startsWith("application/json"));
            JsonNode message = Received.json(request);
            assertEquals("message", message.path("type").asText());
            JsonNode attachment = message.path("attachments").get(0);
            assertEquals("application/vnd.microsoft.card.adaptive", attachment.path("contentType").asText());
            JsonNode card = attachment.path("content");
            assertEquals("AdaptiveCard", card.path("type").asText());
            assertEquals("Workbook refresh failed", card.path("body").get(0).path("text").asText());
            assertEquals("Attention", card.path("body").get(0).path("color").asText());
            // only what Teams would read as markup is escaped: a date stays a date
            assertEquals("**\\*\\*Sales\\*\\* \\[click\\](https://evil.example) \\{\\{DATE(2017-02-14T06:00:00Z, SHORT)"
                    + "\\}\\}** (workbook)", card.path("body").get(1).path("text").asText());
            await("Teams delivery in the log", WAIT, () -> relay.manage("/admin/deliveries?channel=teams").body(),
                    body -> body.contains("\"teams\":{\"outcome\":\"delivered\""));
        }
    }

    @Test
    void teamsRefusingTheCardDeadLettersIt() {
        standIn.answer("/teams/.*", aResponse().withStatus(400).withBody("Bad Request"));
        try (RunningRelay relay = RunningRelay.start(Map.of("teams.webhook-url",
                standIn.base() + ChannelStandIn.TEAMS_HOOK + ChannelStandIn.TEAMS_QUERY))) {
            relay.post(Events.event("DatasourceRefreshFailed", "EXTRACTS", "Refused"));

            String letters = await("Teams dead letter", WAIT, () -> relay.manage("/admin/dead-letters?channel=teams").body(),
                    body -> body.contains("Refused"));
            JsonNode letter = Received.json(letters).path("deadLetters").get(0);
            assertEquals("teams", letter.path("channel").asText());
            assertEquals("HTTP 400", letter.path("lastError").asText());
            assertEquals(1, standIn.teams().size(), "a refusal is not retried");
        }
    }

    @Test
    void forwardPostsTheNormalisedEventWithItsHeadersSignedByTheStandardWebhooksSpecification() throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String secret = "whsec_" + Base64.getEncoder().encodeToString(key);
        try (RunningRelay relay = RunningRelay.start(Map.of(
                "forward.url", standIn.base() + ChannelStandIn.FORWARD_HOOK,
                "forward.headers", "Authorization: Bearer forward-token-0001; X-Source: tableau",
                "forward.signing-secret", secret))) {
            relay.post(Events.event("WorkbookRefreshFailed", "EXTRACTS", "Umsätze \\\"Q4\\\""));
            LoggedRequest request = await("forward", WAIT, standIn::forward, list -> !list.isEmpty()).get(0);

            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            request.getHeaders().all().forEach(header -> headers.put(header.key(), header.values()));
            String body = new String(request.getBody(), StandardCharsets.UTF_8);
            new Webhook(secret).verify(body, headers);
            assertTrue(headers.get("webhook-id").get(0).startsWith("msg_"));

            assertEquals("Bearer forward-token-0001", request.getHeader("Authorization"));
            assertEquals("tableau", request.getHeader("X-Source"));
            for (String internal : List.of("eventId", "eventType", "resourceLuid", "itemUrl", "recipient", "channel")) {
                assertFalse(request.containsHeader(internal), "the relay's own header left it: " + internal);
            }
            JsonNode event = Received.json(body);
            assertEquals("WorkbookRefreshFailed", event.path("type").asText());
            assertEquals("failure", event.path("outcome").asText());
            assertEquals("Umsätze \"Q4\"", event.path("item").path("name").asText());
            assertEquals(LUID, event.path("item").path("luid").asText());
            assertEquals("workbook", event.path("item").path("kind").asText());
            assertEquals(Events.SITE, event.path("site").path("luid").asText());
            assertEquals(Events.CREATED_AT, event.path("createdAt").asText());
            assertEquals(64, event.path("id").asText().length(), "the event's id, as in the relay's logs");
        }
    }

    @Test
    void pagerDutysTemplateTriggersOnAFailureAndResolvesOnTheNextSuccessOfTheSameItem() {
        try (RunningRelay relay = RunningRelay.start(Map.of(
                "forward.url", standIn.base() + "/forward/v2/enqueue",
                "forward.template", "pagerduty.json.vm",
                "forward.events", "*RefreshFailed,*RefreshSucceeded"))) {
            relay.post(Events.event("DatasourceRefreshFailed", "EXTRACTS", "Superstore"));
            relay.post(Events.event("DatasourceRefreshStarted", "EXTRACTS", "Superstore"));
            relay.post(Events.event("DatasourceRefreshSucceeded", "EXTRACTS", "Superstore"));
            List<LoggedRequest> requests = await("trigger and resolve", WAIT, standIn::forward, list -> list.size() == 2);

            JsonNode trigger = Received.json(requests.get(0));
            assertEquals("trigger", trigger.path("event_action").asText());
            assertEquals("tableau-" + LUID, trigger.path("dedup_key").asText());
            assertEquals("Data source refresh failed: Superstore (data source)", trigger.path("payload").path("summary").asText());
            assertEquals("error", trigger.path("payload").path("severity").asText());
            JsonNode resolve = Received.json(requests.get(1));
            assertEquals("resolve", resolve.path("event_action").asText());
            assertEquals(trigger.path("dedup_key"), resolve.path("dedup_key"));
        }
    }
}
