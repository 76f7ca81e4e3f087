package io.tableaurelay.action;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.tableaurelay.support.ChannelStandIn;
import io.tableaurelay.support.Events;
import io.tableaurelay.support.Received;
import io.tableaurelay.support.RunningRelay;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.tableaurelay.support.ChannelStandIn.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Slack's buttons in place: with slack.signing-secret, the Slack message (bot token) carries buttons; a click that
 * Slack signed (v0, within 5 minutes) is done and the message replaced through its response_url; one signed with
 * another secret, or too long ago, gets 401 and changes nothing.
 */
@Tag("relay")
class SlackButtonsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final String OTHER = "9c9c9c9c-1111-2222-3333-444455556666";
    private static final String RESPONSE_PATH = "/slack/actions/T000/1234/response";

    @RegisterExtension
    final ChannelStandIn channels = new ChannelStandIn();

    @Test
    void aSignedClickMutesAndTheMessageSaysWhoAnUnsignedOrOldOneChangesNothing() {
        channels.answer(RESPONSE_PATH, com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(200));
        try (RunningRelay relay = start()) {
            JsonNode message = failure(relay, "Sales", "2026-11-29T17:00:00Z");
            JsonNode buttons = actionsBlock(message).path("elements");
            assertEquals(3, buttons.size(), message.toString());
            assertEquals("Mute until it recovers", buttons.path(1).path("text").path("text").asText());
            assertTrue(buttons.path(1).path("value").asText().startsWith("https://relay.example.com/actions/"));
            String body = clickBody(message, buttons.path(1).path("value").asText());

            long now = Instant.now().getEpochSecond();
            assertEquals(401, click(relay, body, now, sign("another-secret-entirely", now, body)).statusCode());
            assertEquals(401, click(relay, body, now - 301, sign(SIGNING_SECRET, now - 301, body)).statusCode());
            failure(relay, "Sales", "2026-11-29T17:05:00Z"); // not muted by either

            HttpResponse<String> answer = click(relay, body, now, sign(SIGNING_SECRET, now, body));
            assertEquals(200, answer.statusCode(), answer.body());
            LoggedRequest update = await("the message's update", WAIT, () -> channels.posted(RESPONSE_PATH),
                    list -> !list.isEmpty()).get(0);
            JsonNode replaced = Received.json(update);
            assertTrue(replaced.path("replace_original").asBoolean(), replaced.toString());
            JsonNode blocks = replaced.path("blocks");
            String line = blocks.path(blocks.size() - 1).path("elements").path(0).path("text").asText();
            assertTrue(line.matches("Muted until it recovers by @ana at \\d\\d:\\d\\d UTC"), line);
            assertTrue(actionsBlock(replaced).isMissingNode(), "the buttons are gone: " + replaced);

            relay.post(Events.eventAt("WorkbookRefreshFailed", "EXTRACTS", "Sales", Events.LUID,
                    "2026-11-29T17:10:00Z"));
            failureOf(relay, "Marker", OTHER, "2026-11-29T17:11:00Z");
            List<String> names = channels.slackPostMessage().stream()
                    .map(request -> Received.form(request).get("text")).toList();
            assertEquals(3, names.size(), names.toString());
            assertTrue(names.get(2).contains("Marker"), "the muted failure was not sent: " + names);
            JsonNode log = Received.json(relay.manage("/admin/deliveries?eventType=ActionMute").body());
            assertEquals("@ana in Slack", log.path("deliveries").path(0).path("resource").asText(), log.toString());
        }
    }

    private RunningRelay start() {
        Map<String, String> settings = new HashMap<>(Map.of(
                "slack.token", ChannelStandIn.SLACK_TOKEN,
                "slack.channel", "#data-alerts",
                "slack.server-url", channels.base() + "/slack",
                "slack.events", "*",
                "slack.signing-secret", SIGNING_SECRET,
                "actions.base-url", "https://relay.example.com",
                "actions.secret", "actions-secret-0123456789abcdef"));
        return RunningRelay.start(settings);
    }

    /** Posts a failed refresh of the workbook {@link Events#LUID}; its Slack message, as chat.postMessage got it. */
    private JsonNode failure(RunningRelay relay, String name, String createdAt) {
        return failureOf(relay, name, Events.LUID, createdAt);
    }

    private JsonNode failureOf(RunningRelay relay, String name, String luid, String createdAt) {
        int before = channels.slackPostMessage().size();
        assertEquals(200, relay.post(Events.eventAt("WorkbookRefreshFailed", "EXTRACTS", name, luid, createdAt))
                .statusCode());
        Map<String, String> form = Received.form(await(name + " in Slack", WAIT, channels::slackPostMessage,
                list -> list.size() > before).get(before));
        ObjectNode message = JsonNodeFactory.instance.objectNode();
        message.put("text", form.get("text"));
        message.set("blocks", Received.json(form.get("blocks")));
        return message;
    }

    private static JsonNode actionsBlock(JsonNode message) {
        for (JsonNode block : message.path("blocks")) {
            if ("actions".equals(block.path("type").asText())) {
                return block;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    /** The form Slack posts for a click on a button (a block_actions payload), as its docs show it. */
    private String clickBody(JsonNode message, String value) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.put("type", "block_actions");
        payload.putObject("user").put("id", "U0ANA").put("username", "ana").put("name", "ana").put("team_id", "T000");
        payload.putObject("container").put("type", "message").put("channel_id", "C000");
        payload.put("response_url", channels.base() + RESPONSE_PATH);
        payload.set("message", message);
        payload.putArray("actions").addObject().put("type", "button").put("action_id", "relay-mute")
                .put("value", value).put("action_ts", "1733616000.000100");
        return "payload=" + URLEncoder.encode(payload.toString(), StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> click(RunningRelay relay, String body, long timestamp, String signature) {
        return relay.send(HttpRequest.newBuilder(relay.url("/slack/interactivity"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", String.valueOf(timestamp))
                .header("X-Slack-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Slack's v0 signature, computed as Slack's documentation describes it. */
    private static String sign(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + timestamp + ":" + body)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
