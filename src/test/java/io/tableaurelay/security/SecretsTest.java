package io.tableaurelay.security;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.tableaurelay.support.CapturedLog;
import io.tableaurelay.support.ChannelStandIn;
import io.tableaurelay.support.Events;
import io.tableaurelay.support.RunningRelay;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static io.tableaurelay.support.ChannelStandIn.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the relay with known secret values through startup, registration (failing), refused and bad requests
 * and failed deliveries, and looks for the values in everything it printed and answered.
 */
@Tag("relay")
class SecretsTest {

    private static final String WEBHOOK_SECRET = "webhook-secret-value-7f3a9c";
    private static final String PAT_SECRET = "tableau-pat-secret-5d1e";
    private static final String TABLEAU_PASSWORD = "tableau-password-91b2";
    private static final String FORWARD_SIGNING_SECRET = "whsec_c2lnbmluZy1rZXktZm9yLXRoZS1yZWxheS0wMDAx";

    @Test
    void noSecretIsPrintedOrAnsweredOnAnyPath() {
        List<String> answers = new ArrayList<>();
        try (ChannelStandIn standIn = new ChannelStandIn(); CapturedLog raw = CapturedLog.capture();
                CapturedLog printed = CapturedLog.printed()) {
            Map<String, String> settings = new HashMap<>(standIn.allChannels());
            settings.put("webhook.secret", WEBHOOK_SECRET);
            settings.put("tableau.server-url", standIn.base() + "/tableau");
            settings.put("relay.public-url", "https://relay.example.com");
            settings.put("tableau.pat-name", "relay");
            settings.put("tableau.pat-secret", PAT_SECRET);
            settings.put("tableau.password", TABLEAU_PASSWORD);
            settings.put("teams.webhook-url", standIn.base() + ChannelStandIn.TEAMS_HOOK + "?sig=teams-signature-0001");
            settings.put("forward.url", standIn.base() + ChannelStandIn.FORWARD_HOOK + "?key=forward-key-0001");
            settings.put("forward.headers", "Authorization: Bearer forward-token-0001; X-Source: tableau");
            settings.put("forward.signing-secret", FORWARD_SIGNING_SECRET);
            Map<String, String> secrets = Map.of("webhook.secret", WEBHOOK_SECRET,
                    "slack.webhook-url", settings.get("slack.webhook-url"),
                    "twilio.auth-token", ChannelStandIn.TWILIO_TOKEN, "ifttt.key", ChannelStandIn.IFTTT_KEY,
                    "tableau.pat-secret", PAT_SECRET, "tableau.password", TABLEAU_PASSWORD,
                    "teams.webhook-url", "teams-signature-0001", "forward.url", "forward-key-0001",
                    "forward.headers", "forward-token-0001", "forward.signing-secret", FORWARD_SIGNING_SECRET);
            everyChannelAnswers500(standIn);

            try (RunningRelay relay = RunningRelay.start(settings)) {
                URI withToken = URI.create(relay.webhookUrl() + "?token=" + WEBHOOK_SECRET);
                answers.add(answer(relay.post(Events.event("WorkbookRefreshFailed", "EXTRACTS", "no token"))));
                answers.add(answer(relay.send(json(URI.create(relay.webhookUrl() + "?token=" + WEBHOOK_SECRET + "x"),
                        "{}"))));
                answers.add(answer(relay.send(json(withToken, "{\"event_type\": 1}"))));
                answers.add(answer(relay.send(json(withToken, "{\"event_type\": \"" + WEBHOOK_SECRET + "/\"}"))));
                answers.add(answer(relay.send(json(withToken, "x".repeat(70_000)))));
                answers.add(answer(relay.send(HttpRequest.newBuilder(withToken).GET())));
                answers.add(answer(relay.send(json(URI.create(relay.url("/nowhere") + "?token=" + WEBHOOK_SECRET),
                        "{}"))));
                HttpResponse<String> accepted = relay.send(json(withToken,
                        Events.event("WorkbookRefreshFailed", "EXTRACTS", "delivery fails")));
                assertEquals(200, accepted.statusCode(), accepted.body());
                answers.add(answer(accepted));

                await("failed deliveries", Duration.ofSeconds(15), () -> printed.text(), text ->
                        text.contains("slack: attempt 1 for") && text.contains("ifttt: attempt 1 for")
                                && text.contains("sms: attempt 1 for") && text.contains("teams: attempt 1 for")
                                && text.contains("forward: attempt 1 for"));
                await("a registration attempt", Duration.ofSeconds(15), standIn::all, list -> list.stream()
                        .anyMatch(request -> request.getUrl().startsWith("/tableau")));
                await("its failure in the log", Duration.ofSeconds(15), () -> printed.text(),
                        text -> text.contains("Registration in Tableau failed"));
            }
            LoggerFactory.getLogger(SecretsTest.class).warn("A line that quotes secrets by mistake: {} {}",
                    settings.get("slack.webhook-url"), "https://relay.example.com/webhooks/tableau?token=" + WEBHOOK_SECRET,
                    new IllegalStateException("failed calling " + settings.get("slack.webhook-url")));

            String log = printed.text();
            assertTrue(log.contains("A line that quotes secrets by mistake: **** https://relay.example.com/webhooks/"
                    + "tableau?token=****"), "the mask works on any line");
            assertTrue(log.contains("IllegalStateException: failed calling ****"), "and on stack traces");
            secrets.forEach((name, value) -> {
                assertFalse(log.contains(value), name + " printed in the log");
                answers.forEach(answer -> assertFalse(answer.contains(value), name + " in an answer: " + answer));
            });
            // what the relay's own code logs is clean before the mask, except lines that quote the webhook URL
            List<String> rawLines = raw.lines().stream().filter(line -> !line.contains("by mistake")).toList();
            secrets.forEach((name, value) -> {
                if (!name.equals("webhook.secret")) {
                    assertTrue(rawLines.stream().noneMatch(line -> line.contains(value)), name + " logged");
                }
            });
        }
    }

    private static void everyChannelAnswers500(ChannelStandIn standIn) {
        URI base = URI.create(standIn.base());
        new WireMock(base.getHost(), base.getPort()).register(any(anyUrl()).atPriority(1)
                .willReturn(aResponse().withStatus(500).withBody("internal error")));
    }

    private static HttpRequest.Builder json(URI url, String body) {
        return HttpRequest.newBuilder(url).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    /** Status, headers and body of an answer, as one text to search. */
    private static String answer(HttpResponse<String> response) {
        return response.statusCode() + " " + response.headers().map() + " " + response.body();
    }
}
