package io.tableaurelay.security;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.tableaurelay.support.CapturedLog;
import io.tableaurelay.support.ChannelStandIn;
import io.tableaurelay.support.Events;
import io.tableaurelay.support.Received;
import io.tableaurelay.support.RunningRelay;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.tableaurelay.support.ChannelStandIn.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** webhook.allowed-ips with webhook.trusted-proxies, the rate limit, the refusal counts and the startup warning. */
@Tag("relay")
class WhoMayPostTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @RegisterExtension
    final ChannelStandIn standIn = new ChannelStandIn();

    @Test
    void onlyAllowedAddressesMayPostAndOnlyTrustedProxiesAreBelieved() {
        try (RunningRelay relay = start(Map.of("webhook.allowed-ips", "10.0.0.0/8, 2001:db8::/32",
                "webhook.trusted-proxies", "127.0.0.1"))) {
            assertEquals(403, post(relay, null, "direct").statusCode(), "127.0.0.1 itself is not allowed");
            assertEquals(403, post(relay, "192.0.2.1", "outsider").statusCode());
            assertEquals(403, post(relay, "10.1.2.3, 192.0.2.1", "forged").statusCode(),
                    "what the client wrote left of the proxy's entry is not believed");
            assertEquals(403, post(relay, "not-an-address", "garbage").statusCode());
            assertEquals(200, post(relay, "10.1.2.3", "via-proxy-v4").statusCode());
            assertEquals(200, post(relay, "2001:db8::7", "via-proxy-v6").statusCode());
            assertEquals(200, post(relay, "192.0.2.1, 10.9.9.9", "rightmost").statusCode());

            await("allowed events", WAIT, standIn::ifttt, list -> list.size() == 3);
            for (String refused : new String[] {"direct", "outsider", "forged", "garbage"}) {
                assertFalse(Received.mentions(standIn.all(), refused), refused);
            }
            assertEquals(4, refusals(relay).get(403));
        }
    }

    @Test
    void forwardedForIsIgnoredWithoutTrustedProxiesAndAnOpenEndpointIsWarnedAbout() {
        try (CapturedLog log = CapturedLog.capture();
                RunningRelay relay = start(Map.of("webhook.allowed-ips", "10.0.0.0/8", "camel.server.host", "0.0.0.0"))) {
            assertEquals(403, post(relay, "10.1.2.3", "spoofed").statusCode());
            assertTrue(log.contains("webhook.secret is empty and the relay listens on 0.0.0.0"), log.lines().toString());
        }
    }

    @Test
    void aSenderAboveTheRateLimitGets429AndOthersAreNotAffected() {
        try (RunningRelay relay = start(Map.of("webhook.rate-limit-per-minute", "3",
                "webhook.trusted-proxies", "127.0.0.1", "webhook.secret", "rate-limit-secret-0001"))) {
            URI url = URI.create(relay.webhookUrl() + "?token=rate-limit-secret-0001");
            for (int i = 0; i < 3; i++) {
                assertEquals(200, send(relay, url, "10.0.0.1", "").statusCode());
            }
            HttpResponse<String> limited = send(relay, url, "10.0.0.1", "");
            assertEquals(429, limited.statusCode());
            assertEquals("{\"error\": \"too many requests\"}", limited.body());
            assertEquals(200, send(relay, url, "10.0.0.2", "").statusCode(), "another sender has its own budget");
            assertEquals(429, send(relay, relay.webhookUrl(), "10.0.0.1", "").statusCode(),
                    "the limit counts before the token");
            assertEquals(401, send(relay, relay.webhookUrl(), "10.0.0.3", "").statusCode());
            assertEquals(Map.of(401, 1L, 429, 2L), refusals(relay).counts());
        }
    }

    private RunningRelay start(Map<String, String> security) {
        Map<String, String> settings = new HashMap<>(standIn.allChannels());
        settings.putAll(security);
        return RunningRelay.start(settings);
    }

    private static RejectedRequests refusals(RunningRelay relay) {
        return relay.context().getRegistry().lookupByNameAndType("rejectedRequests", RejectedRequests.class);
    }

    private static HttpResponse<String> post(RunningRelay relay, String forwardedFor, String name) {
        return send(relay, relay.webhookUrl(), forwardedFor, Events.event("WorkbookCreated", "WORKBOOK", name));
    }

    private static HttpResponse<String> send(RunningRelay relay, URI url, String forwardedFor, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return relay.send(request);
    }
}
