package io.tableaurelay;

import java.time.Duration;
import java.util.Map;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.tableaurelay.support.CapturedLog;
import io.tableaurelay.support.ChannelStandIn;
import io.tableaurelay.support.Events;
import io.tableaurelay.support.Metrics;
import io.tableaurelay.support.Received;
import io.tableaurelay.support.RunningRelay;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.tableaurelay.support.ChannelStandIn.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which settings turn a channel on, and the channels' optional settings. */
@Tag("relay")
class ChannelSettingsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    final ChannelStandIn standIn = new ChannelStandIn();

    @Test
    void withNoSettingsEveryChannelIsOffAndEventsAreStillAccepted() {
        try (CapturedLog log = CapturedLog.capture(); RunningRelay relay = RunningRelay.start(Map.of())) {
            assertNull(relay.context().getRoute("slack"));
            assertNull(relay.context().getRoute("sms"));
            assertNull(relay.context().getRoute("ifttt"));
            assertNull(relay.context().getRoute("teams"));
            assertNull(relay.context().getRoute("email"));
            assertNull(relay.context().getRoute("forward"));
            assertNotNull(relay.context().getRoute("receive"));
            assertTrue(log.contains("INFO Slack channel is off: set slack.webhook-url, or slack.token and slack.channel"),
                    log.text());
            assertTrue(log.contains("INFO SMS channel is off: set twilio.account-sid"), log.text());
            assertTrue(log.contains("INFO IFTTT channel is off: set ifttt.key"), log.text());

            assertEquals(200, relay.post(Events.event("DatasourceRefreshFailed", "EXTRACTS", "Nobody")).statusCode());
            // the 200 comes after the event's messages are stored: none, as no channel is on
            Metrics metrics = Metrics.scrape(relay);
            assertEquals(1, metrics.value("relay_events_received_total"));
            for (String queue : new String[] {"slack", "sms", "ifttt"}) {
                assertTrue(metrics.queueEmpty(queue), "queued for " + queue + ": " + metrics.text());
            }
        }
    }

    @Test
    void aChannelMissingOneSettingIsOffWhileTheOthersWork() {
        Map<String, String> settings = new java.util.HashMap<>(standIn.allChannels());
        settings.put("twilio.auth-token", "");
        settings.put("slack.webhook-url", "");
        settings.put("slack.token", ChannelStandIn.SLACK_TOKEN);
        settings.put("slack.server-url", standIn.base() + "/slack");
        try (RunningRelay relay = RunningRelay.start(settings)) {
            assertNull(relay.context().getRoute("sms"), "SMS without an auth token is off");
            assertNull(relay.context().getRoute("slack"), "Slack with a token but no channel is off");

            relay.post(Events.event("DatasourceRefreshFailed", "EXTRACTS", "Only IFTTT"));
            await("IFTTT", WAIT, standIn::ifttt, list -> Received.mentions(list, "Only IFTTT"));
            // the 200 came once every channel's message was stored, and the relay has recorded IFTTT's delivery:
            // nothing is left that could still call the stand-in
            Metrics metrics = await("IFTTT's delivery recorded", WAIT, () -> Metrics.scrape(relay),
                    now -> now.value("relay_messages_delivered_total", "channel", "ifttt") == 1);
            assertTrue(metrics.queueEmpty("sms"), "queued for SMS: " + metrics.text());
            assertTrue(metrics.queueEmpty("slack"), "queued for Slack: " + metrics.text());
            assertEquals(1, standIn.all().size(), "only IFTTT was called: " + standIn.all());
        }
    }

    @Test
    void slackWithABotTokenPostsThroughChatPostMessage() {
        Map<String, String> settings = new java.util.HashMap<>(standIn.allChannels());
        settings.put("slack.webhook-url", "");
        settings.put("slack.token", ChannelStandIn.SLACK_TOKEN);
        settings.put("slack.channel", "#data-alerts");
        settings.put("slack.server-url", standIn.base() + "/slack");
        try (RunningRelay relay = RunningRelay.start(settings)) {
            relay.post(Events.event("WorkbookRefreshFailed", "EXTRACTS", "Token <Sales>"));
            LoggedRequest request = await("chat.postMessage", WAIT, standIn::slackPostMessage,
                    list -> !list.isEmpty()).get(0);

            assertEquals("Bearer " + ChannelStandIn.SLACK_TOKEN, request.getHeader("Authorization"));
            Map<String, String> form = Received.form(request);
            assertEquals("#data-alerts", form.get("channel"));
            assertTrue(form.get("text").contains("Workbook refresh failed: Token &lt;Sales&gt; (workbook)"), form.toString());
            assertTrue(form.get("blocks").contains("\"type\":\"section\""), form.get("blocks"));
        }
    }

    @Test
    void iftttEventNameReplacesTheTableauEventType() {
        Map<String, String> settings = new java.util.HashMap<>(standIn.allChannels());
        settings.put("ifttt.event-name", "tableau_alert");
        try (RunningRelay relay = RunningRelay.start(settings)) {
            relay.post(Events.event("DatasourceRefreshFailed", "EXTRACTS", "Named"));
            LoggedRequest request = await("IFTTT", WAIT, standIn::ifttt, list -> !list.isEmpty()).get(0);

            assertEquals("/ifttt/trigger/tableau_alert/with/key/" + ChannelStandIn.IFTTT_KEY, request.getUrl());
            assertEquals("DatasourceRefreshFailed", Received.json(request).path("value2").asText());
        }
    }
}
