package io.tableaurelay.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.tableaurelay.support.CapturedLog;
import io.tableaurelay.support.ChannelStandIn;
import io.tableaurelay.support.Events;
import io.tableaurelay.support.Metrics;
import io.tableaurelay.support.Received;
import io.tableaurelay.support.RunningRelay;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static io.tableaurelay.support.ChannelStandIn.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A corpus of hostile requests against a relay with a secret and a site allowlist: each gets its 4xx (never a
 * 5xx or a stack trace), nothing reaches any channel, and the relay still delivers a valid event afterwards.
 */
@Tag("relay")
class HostileRequestsTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String SECRET = "s3cret-token-for-hostile-requests-0001";
    private static final String GOOD = Events.event("WorkbookRefreshFailed", "EXTRACTS", "Good One");

    private static ChannelStandIn standIn;
    private static RunningRelay relay;

    @BeforeAll
    static void start() {
        standIn = new ChannelStandIn();
        relay = RunningRelay.start(standIn.allChannelsWith(Map.of(
                "webhook.secret", SECRET,
                "webhook.allowed-sites", Events.SITE)));
    }

    @AfterAll
    static void stop() {
        relay.close();
        standIn.close();
    }

    @Test
    void everyHostileRequestGetsItsFourHundredAndNothingIsSent() {
        Map<String, Integer> failures = new LinkedHashMap<>();
        corpus().forEach((name, request) -> {
            HttpResponse<String> response = send(request.get());
            int expected = expectedStatus(name);
            boolean ok = expected == 0 ? response.statusCode() >= 400 && response.statusCode() < 500
                    : response.statusCode() == expected;
            if (!ok || response.body().contains("Exception") || response.body().contains("\tat ")) {
                failures.put(name + " -> " + response.statusCode() + " " + abbreviated(response.body()),
                        expected);
            }
        });
        assertTrue(failures.isEmpty(), "unexpected answers (request -> answer = expected): " + failures);

        String sentinel = "sentinel-after-corpus";
        assertEquals(200, post(tokenUrl(), Events.event("WorkbookRefreshFailed", "EXTRACTS", sentinel)).statusCode());
        await("sentinel at Slack", WAIT, standIn::slack, list -> Received.mentions(list, sentinel));
        await("sentinel at IFTTT", WAIT, standIn::ifttt, list -> Received.mentions(list, sentinel));
        await("sentinel at Twilio", WAIT, standIn::twilio, list -> Received.mentions(list, sentinel));
        // every corpus body either names "Good One", "path trick" or "flood", or names nothing ("(unnamed)")
        List<LoggedRequest> all = standIn.all();
        for (String marker : List.of("Good", "path+trick", "path trick", "flood", "unnamed")) {
            assertFalse(Received.mentions(all, marker), marker + " reached a channel: " + all);
        }
    }

    @Test
    void anOversizedNameIsShortenedInMessagesNotRefused() {
        String name = "Quarterly revenue " + "x".repeat(50_000) + " tail-marker";
        HttpResponse<String> response = post(tokenUrl(), Events.event("DatasourceRefreshFailed", "EXTRACTS", name));
        assertEquals(200, response.statusCode(), response.body());

        LoggedRequest ifttt = await("IFTTT", WAIT, standIn::ifttt,
                list -> Received.mentions(list, "Quarterly revenue xxx")).stream()
                .filter(r -> r.getBodyAsString().contains("Quarterly revenue xxx")).findFirst().orElseThrow();
        String delivered = Received.iftttName(ifttt);
        assertTrue(delivered.length() <= 255, "name of " + delivered.length() + " characters");
        assertTrue(delivered.endsWith("xxx..."), delivered);
        assertFalse(delivered.contains("tail-marker"));
        await("Slack", WAIT, standIn::slack, list -> Received.mentions(list, "Quarterly revenue xxx"));
    }

    @Test
    void controlCharactersNeverReachTheSms() {
        post(tokenUrl(), Events.event("WorkbookRefreshFailed", "EXTRACTS", "Line\\u0000one\\r\\nSTOP\\u2028two\\u0007"));
        LoggedRequest sms = await("SMS", WAIT, standIn::twilio, list -> Received.mentions(list, "STOP")).stream()
                .filter(r -> r.getBodyAsString().contains("STOP")).findFirst().orElseThrow();
        String body = Received.smsBody(sms);
        assertTrue(body.endsWith("LineoneSTOPtwo"), body);
        assertTrue(body.chars().noneMatch(c -> Character.getType(c) == Character.CONTROL || c == 0x2028), body);
    }

    @Test
    void theCharsetARequestClaimsGoesNoFurther() {
        for (String charset : List.of("x-no-such-charset", "UTF-16", "IBM037")) {
            HttpResponse<String> response = send(send(tokenUrl(), "application/json; charset=" + charset,
                    Events.event("WorkbookCreated", "WORKBOOK", "Caf\u00e9 " + charset)));
            assertEquals(200, response.statusCode(), charset + ": " + response.body());
            LoggedRequest ifttt = await("IFTTT", WAIT, standIn::ifttt, list -> Received.mentions(list, charset))
                    .stream().filter(r -> r.getBodyAsString().contains(charset)).findFirst().orElseThrow();
            assertEquals("Caf\u00e9 " + charset, Received.iftttName(ifttt));
        }
    }

    @Test
    void whatTheHttpServerRefusesIsLoggedWithTheSenderLikeEveryOtherRefusal() {
        Metrics before = Metrics.scrape(relay);
        try (CapturedLog log = CapturedLog.capture()) {
            assertEquals(405, send(HttpRequest.newBuilder(tokenUrl()).GET()).statusCode());
            assertEquals(413, post(tokenUrl(), GOOD.replace("Good One", "z".repeat(70_000))).statusCode());
            assertEquals(400, post(tokenUrl(), "{").statusCode());

            // the 400 is logged by the receive route after the other two were answered
            await("the 400 in the log", WAIT, log::lines,
                    lines -> lines.contains("WARN Rejected a request from 127.0.0.1: body is not valid JSON: "
                            + "the body ends too early, at line 1, column 2"));
            assertTrue(log.contains("WARN Rejected a request from 127.0.0.1: only POST is accepted"), log.text());
            assertTrue(log.contains("WARN Rejected a request from 127.0.0.1: body larger than webhook.max-body-bytes "
                    + "(413)"), log.text());
        }
        Metrics after = Metrics.scrape(relay);
        String rejected = "relay_requests_rejected_total";
        assertEquals(2, after.value(rejected, "reason", "bad_input") - before.value(rejected, "reason", "bad_input"));
        assertEquals(1, after.value(rejected, "reason", "size") - before.value(rejected, "reason", "size"));
    }

    /** 0: any 4xx (path tricks may be refused as unknown path or as missing token). */
    private static int expectedStatus(String name) {
        return Integer.parseInt(name.substring(0, 3));
    }

    private static Map<String, Supplier<HttpRequest.Builder>> corpus() {
        Map<String, Supplier<HttpRequest.Builder>> corpus = new LinkedHashMap<>();
        // who is asking
        corpus.put("401 no token", () -> json(relay.webhookUrl(), GOOD));
        corpus.put("401 wrong token", () -> json(url("?token=wrong"), GOOD));
        corpus.put("401 empty token", () -> json(url("?token="), GOOD));
        corpus.put("401 token with a suffix", () -> json(url("?token=" + SECRET + "x"), GOOD));
        corpus.put("401 token prefix", () -> json(url("?token=" + SECRET.substring(0, 10)), GOOD));
        corpus.put("401 token in a header, not the URL", () -> json(relay.webhookUrl(), GOOD).header("token", SECRET));
        corpus.put("401 token parameter misspelt", () -> json(url("?Token=" + SECRET), GOOD));
        corpus.put("401 token in the body", () -> json(relay.webhookUrl(), "{\"token\": \"" + SECRET + "\"}"));
        corpus.put("401 wrong token before the right one", () -> json(url("?token=x&token=" + SECRET), GOOD));
        corpus.put("401 an overlong UTF-8 token", () -> json(url("?token=%C0%80%FF"), GOOD));
        corpus.put("403 a foreign site", () -> json(tokenUrl(),
                GOOD.replace(Events.SITE, "00000000-0000-0000-0000-000000000000")));
        corpus.put("403 no site", () -> json(tokenUrl(), "{\"event_type\": \"WorkbookRefreshFailed\"}"));
        // what is sent
        corpus.put("400 malformed JSON", () -> json(tokenUrl(), "{\"event_type\": WorkbookRefreshFailed}"));
        corpus.put("400 truncated JSON", () -> json(tokenUrl(), GOOD.substring(0, GOOD.length() / 2)));
        corpus.put("400 a lone brace", () -> json(tokenUrl(), "{"));
        corpus.put("400 a JSON array", () -> json(tokenUrl(), "[" + GOOD + "]"));
        corpus.put("400 a JSON number", () -> json(tokenUrl(), "42"));
        corpus.put("400 JSON null", () -> json(tokenUrl(), "null"));
        corpus.put("400 two JSON objects", () -> json(tokenUrl(), GOOD + GOOD));
        corpus.put("400 deep nesting", () -> json(tokenUrl(),
                "{\"event_type\": \"WorkbookRefreshFailed\", \"x\": " + "[".repeat(20_000) + "]".repeat(20_000) + "}"));
        corpus.put("400 nesting just too deep", () -> json(tokenUrl(),
                "{\"event_type\": \"WorkbookRefreshFailed\", \"x\": " + "{\"a\":".repeat(20) + "1" + "}".repeat(20) + "}"));
        corpus.put("413 a huge body", () -> json(tokenUrl(), GOOD.replace("Good One", "y".repeat(70_000))));
        corpus.put("413 a huge body of nothing", () -> json(tokenUrl(), " ".repeat(1_000_000)));
        corpus.put("400 a huge event type", () -> json(tokenUrl(), GOOD.replace("\"WorkbookRefreshFailed\"",
                "\"Workbook" + "X".repeat(5_000) + "\"")));
        corpus.put("400 a huge site id", () -> json(tokenUrl(), GOOD.replace(Events.SITE, Events.SITE.repeat(200))));
        corpus.put("400 an event type that is a path", () -> json(tokenUrl(),
                GOOD.replace("\"WorkbookRefreshFailed\"", "\"../../trigger/other/with/key/x?\"")));
        corpus.put("400 an event type with spaces", () -> json(tokenUrl(),
                GOOD.replace("\"WorkbookRefreshFailed\"", "\"Workbook Refresh Failed <!channel>\"")));
        corpus.put("400 a huge number", () -> json(tokenUrl(),
                "{\"event_type\": \"WorkbookRefreshFailed\", \"n\": " + "9".repeat(5_000) + "}"));
        for (String field : List.of("event_type", "event-type", "resource", "resource_name", "resource-name",
                "site_luid", "site-id", "resource_luid", "resource-id", "created_at")) {
            for (String value : List.of("1", "true", "[\"a\"]", "{\"a\": \"b\"}", "1.5e300")) {
                corpus.put("400 " + field + " = " + value, () -> json(tokenUrl(), wrongType(field, value)));
            }
        }
        corpus.put("400 binary", () -> bytes(tokenUrl(), "application/json", randomBytes()));
        corpus.put("400 invalid UTF-8", () -> bytes(tokenUrl(), "application/json",
                concat("{\"event_type\": \"Workbook".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xff,
                        (byte) 0xfe, (byte) 0xc0, (byte) 0x80}, "\"}".getBytes(StandardCharsets.UTF_8))));
        corpus.put("400 UTF-16 JSON", () -> bytes(tokenUrl(), "application/json", GOOD.getBytes(StandardCharsets.UTF_16)));
        corpus.put("400 a NUL byte", () -> bytes(tokenUrl(), "application/json", new byte[] {0}));
        // how it is sent
        corpus.put("415 form-encoded", () -> send(tokenUrl(), "application/x-www-form-urlencoded",
                "event_type=WorkbookRefreshFailed"));
        corpus.put("415 multipart", () -> send(tokenUrl(), "multipart/form-data; boundary=x",
                "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n" + GOOD + "\r\n--x--\r\n"));
        corpus.put("400 XML", () -> send(tokenUrl(), "application/xml", "<event type=\"WorkbookRefreshFailed\"/>"));
        corpus.put("400 plain text", () -> send(tokenUrl(), "text/plain", "WorkbookRefreshFailed"));
        corpus.put("431 a header flood", () -> headerFlood(json(tokenUrl(), GOOD.replace("Good One", "flood"))));
        corpus.put("405 GET", () -> HttpRequest.newBuilder(tokenUrl()).GET());
        corpus.put("405 PUT", () -> HttpRequest.newBuilder(tokenUrl()).PUT(HttpRequest.BodyPublishers.ofString(GOOD)));
        corpus.put("405 DELETE", () -> HttpRequest.newBuilder(tokenUrl()).DELETE());
        // where it is sent
        for (String path : List.of("/webhooks/tableau/extra", "/webhooks/tableau/..", "/webhooks//tableau",
                "/webhooks/tableau%2F..%2F", "/WEBHOOKS/TABLEAU", "/webhooks/tableau%00", "/webhooks/./tableau",
                "/webhooks/x/../tableau", "/webhooks/tableau;token=" + SECRET, "/%2e%2e/webhooks/tableau",
                "/webhooks/tableau%20", "/" + "a".repeat(10_000))) {
            corpus.put("000 path " + abbreviated(path), () -> json(URI.create(relay.webhookUrl().resolve("/")
                    + path.substring(1)), GOOD.replace("Good One", "path trick")));
        }
        return corpus;
    }

    private static String wrongType(String field, String value) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(field.startsWith("event") ? field : "event_type", field.startsWith("event")
                ? value : "\"WorkbookRefreshFailed\"");
        if (!field.startsWith("site")) {
            fields.put("site_luid", "\"" + Events.SITE + "\"");
        }
        fields.put(field, value);
        List<String> pairs = new ArrayList<>();
        fields.forEach((name, json) -> pairs.add("\"" + name + "\": " + json));
        return "{" + String.join(", ", pairs) + "}";
    }

    private static HttpRequest.Builder headerFlood(HttpRequest.Builder request) {
        for (int i = 0; i < 200; i++) {
            request.header("X-Flood-" + i, "v".repeat(200));
        }
        return request;
    }

    private static URI tokenUrl() {
        return url("?token=" + SECRET);
    }

    private static URI url(String query) {
        return URI.create(relay.webhookUrl() + query);
    }

    private static HttpResponse<String> post(URI url, String body) {
        return send(json(url, body));
    }

    /**
     * Over HTTP/1.1, as Tableau posts (the JDK client would otherwise upgrade to HTTP/2), on a new connection:
     * the server may close one after refusing a request.
     */
    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest.Builder json(URI url, String body) {
        return send(url, "application/json", body);
    }

    private static HttpRequest.Builder send(URI url, String contentType, String body) {
        return bytes(url, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    private static HttpRequest.Builder bytes(URI url, String contentType, byte[] body) {
        return HttpRequest.newBuilder(url).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[4096];
        new Random(42).nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    private static String abbreviated(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "...";
    }
}
