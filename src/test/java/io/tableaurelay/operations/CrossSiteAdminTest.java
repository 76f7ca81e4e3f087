package io.tableaurelay.operations;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.tableaurelay.support.ChannelStandIn;
import io.tableaurelay.support.Events;
import io.tableaurelay.support.Received;
import io.tableaurelay.support.RunningRelay;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static io.tableaurelay.support.ChannelStandIn.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Another web site cannot make an admin's browser change anything: a cross-site form post to the replay,
 * test-message and silences endpoints, with the admin's credentials replayed by the browser, is refused with 403 and
 * does nothing; the same request from the relay's own page (X-Requested-By, its own Origin) works.
 */
@Tag("relay")
class CrossSiteAdminTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PASSWORD = "cross-site-password-0001";
    private static final String EVIL = "https://evil.example";

    @Test
    void aCrossSiteFormPostIsRefusedAndNothingIsReplayedOrSent() {
        try (ChannelStandIn standIn = new ChannelStandIn()) {
            standIn.answerSlackWhenMentioned("Refused", aResponse().withStatus(400));
            try (RunningRelay relay = RunningRelay.start(Map.of("slack.webhook-url",
                    standIn.allChannels().get("slack.webhook-url"), "slack.events", "*",
                    "admin.username", "ops", "admin.password", PASSWORD))) {
                relay.post(Events.event("WorkbookRefreshFailed", "EXTRACTS", "Refused Delta"));
                await("the dead letter", WAIT, () -> authorized(relay, "GET", "/admin/dead-letters", null).body(),
                        body -> body.contains("Refused Delta"));
                standIn.answerAllWithSuccess();

                for (String path : new String[] {"/admin/dead-letters/replay?channel=slack",
                    "/admin/test-message?channel=slack", "/admin/silences"}) {
                    HttpResponse<String> form = relay.send(HttpRequest.newBuilder(relay.managementUrl(path))
                            .header("Authorization", basic()).header("Origin", EVIL)
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString("channel=slack")));
                    assertEquals(403, form.statusCode(), path);
                    assertEquals("{\"error\": \"an admin request that changes something needs the header "
                            + "X-Requested-By\"}", form.body(), path);
                    HttpResponse<String> foreignOrigin = authorized(relay, "POST", path, EVIL);
                    assertEquals(403, foreignOrigin.statusCode(), path);
                    assertEquals("{\"error\": \"the request's Origin is not this relay\"}", foreignOrigin.body());
                    assertEquals(403, authorized(relay, "POST", path, "null").statusCode(), "a sandboxed frame");
                    assertEquals(403, authorized(relay, "POST", path,
                            "http://127.0.0.1:" + (relay.managementUrl("/").getPort() + 1)).statusCode(),
                            "another port is another origin");
                }

                assertEquals("{\"silences\":[]}", authorized(relay, "GET", "/admin/silences", EVIL).body(),
                        "no silence was created cross-site (and a GET needs no header)");

                String ownOrigin = "http://127.0.0.1:" + relay.managementUrl("/").getPort();
                HttpResponse<String> replay = authorized(relay, "POST", "/admin/dead-letters/replay?channel=slack", ownOrigin);
                assertEquals("{\"replayed\":1}", replay.body(), "the forged replays took nothing from the dead letters");
                HttpResponse<String> test = authorized(relay, "POST", "/admin/test-message?channel=slack", null);
                assertEquals(200, test.statusCode(), test.body());
                await("the test message", WAIT, standIn::slack, sent -> Received.mentions(sent, "Test message"));
                assertEquals(1, standIn.slack().stream().filter(CrossSiteAdminTest::isTestMessage).count(),
                        "only the test message with X-Requested-By was sent: " + standIn.slack());
                await("the replayed dead letter", WAIT, standIn::slack, sent -> Received.mentions(sent, "Refused Delta"));
            }
        }
    }

    private static boolean isTestMessage(LoggedRequest sent) {
        return Received.slackText(sent).contains("Test message from tableau-webhook-relay");
    }

    /** An admin request with the credentials and X-Requested-By, from {@code origin} (null: no Origin header). */
    private static HttpResponse<String> authorized(RunningRelay relay, String method, String path, String origin) {
        HttpRequest.Builder request = HttpRequest.newBuilder(relay.managementUrl(path)).header("Authorization", basic())
                .header("X-Requested-By", "test").method(method, HttpRequest.BodyPublishers.noBody());
        if (origin != null) {
            request.header("Origin", origin);
        }
        return relay.send(request);
    }

    private static String basic() {
        return "Basic " + Base64.getEncoder().encodeToString(("ops:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }
}
