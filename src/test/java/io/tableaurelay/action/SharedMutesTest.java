package io.tableaurelay.action;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.tableaurelay.support.ChannelStandIn;
import io.tableaurelay.support.Events;
import io.tableaurelay.support.Received;
import io.tableaurelay.support.RunningRelay;
import io.tableaurelay.support.StandaloneArtemis;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.tableaurelay.support.ChannelStandIn.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two relays on one standalone Artemis broker: a mute made through one instance's link holds for events the other
 * receives, and the success the other receives ends it.
 */
@Tag("process")
class SharedMutesTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern MUTE = Pattern.compile("<https://relay\\.example\\.com(/actions/[^|>]+)\\|Mute until");

    @RegisterExtension
    final ChannelStandIn channels = new ChannelStandIn();

    @Test
    void aMuteThroughOneInstanceHoldsOnTheOther() throws Exception {
        try (StandaloneArtemis broker = StandaloneArtemis.start()) {
            Map<String, String> settings = new HashMap<>(Map.of(
                    "broker.url", broker.url(),
                    "broker.username", StandaloneArtemis.USER,
                    "broker.password", StandaloneArtemis.PASSWORD,
                    "slack.webhook-url", channels.base() + ChannelStandIn.SLACK_HOOK,
                    "slack.events", "*",
                    "slack.notify-recovery", "true",
                    "actions.base-url", "https://relay.example.com",
                    "actions.secret", "actions-secret-0123456789abcdef"));
            try (RunningRelay a = RunningRelay.start(settings); RunningRelay b = RunningRelay.start(settings)) {
                a.post(Events.eventAt("WorkbookRefreshFailed", "EXTRACTS", "Sales", Events.LUID,
                        "2026-11-29T17:00:00Z"));
                LoggedRequest first = await("Sales", WAIT, channels::slack, list -> list.size() == 1).get(0);
                Matcher mute = MUTE.matcher(Received.json(first).path("blocks").toString());
                assertTrue(mute.find(), Received.json(first).toString());
                assertEquals(200, a.send(HttpRequest.newBuilder(a.url(mute.group(1)))
                        .POST(HttpRequest.BodyPublishers.noBody())).statusCode());

                assertEquals("a link from slack", Received.json(b.manage("/admin/mutes").body()).path("mutes").path(0)
                        .path("by").asText(), "the other instance sees the mute");

                b.post(Events.eventAt("WorkbookRefreshFailed", "EXTRACTS", "Sales", Events.LUID,
                        "2026-11-29T17:10:00Z"));
                // whichever instance's Slack consumer took it, it was recorded as muted, not sent
                await("the failure recorded as muted", WAIT, () -> muted(a) + muted(b), count -> count == 1);
                b.post(Events.eventAt("WorkbookRefreshSucceeded", "EXTRACTS", "Sales", Events.LUID,
                        "2026-11-29T17:20:00Z"));
                List<String> texts = await("the recovery", WAIT, channels::slack, list -> list.size() == 2).stream()
                        .map(Received::slackText).toList();

                assertTrue(texts.get(1).contains("muted by a link from slack at "), texts.toString());
                assertEquals(0, Received.json(a.manage("/admin/mutes").body()).path("mutes").size(), "ended for both");
            }
        }
    }

    /** How many events the instance's delivery log shows as muted on Slack. */
    private static int muted(RunningRelay relay) {
        return Received.json(relay.manage("/admin/deliveries?channel=slack&outcome=muted").body()).path("deliveries")
                .size();
    }
}
