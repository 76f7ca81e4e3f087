package io.tableaurelay.support;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * One WireMock server on 127.0.0.1 standing in for Slack (incoming webhook and chat.postMessage), Twilio
 * and IFTTT, with the relay settings that point each channel at it. A test class that wants a fresh one per test
 * declares {@code @RegisterExtension final ChannelStandIn standIn = new ChannelStandIn();}: it is closed after
 * each test, after the class's own {@code @AfterEach} methods (which stop the relay first).
 */
public final class ChannelStandIn implements AutoCloseable, AfterEachCallback {

    public static final String SLACK_HOOK = "/slack/hook/T000/B000/XXXX";
    public static final String TWILIO_SID = "AC0123456789abcdef0123456789abcdef";
    public static final String TWILIO_TOKEN = "twilio-auth-token-0001";
    public static final String TWILIO_MESSAGES = "/2010-04-01/Accounts/" + TWILIO_SID + "/Messages.json";
    public static final String IFTTT_KEY = "ifttt-key-0001";
    public static final String SLACK_TOKEN = "xoxb-test-token-0001";
    /** A Teams Workflows webhook address, with the escaped query Microsoft's addresses carry. */
    public static final String TEAMS_HOOK = "/teams/workflows/5f1c/triggers/manual/paths/invoke";
    public static final String TEAMS_QUERY = "?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=Xy-z_0123AbC";
    public static final String FORWARD_HOOK = "/forward/events";

    private final WireMockServer server;

    public ChannelStandIn() {
        this(0);
    }

    /** A stand-in on the given port (0: any free port). */
    public ChannelStandIn(int port) {
        server = new WireMockServer(options().bindAddress("127.0.0.1").port(port));
        server.start();
        answerAllWithSuccess();
    }

    /** Every channel answers as the real service does when all is well. */
    public void answerAllWithSuccess() {
        server.resetAll();
        server.stubFor(post(urlPathEqualTo(SLACK_HOOK)).willReturn(aResponse().withStatus(200).withBody("ok")));
        server.stubFor(post(urlPathEqualTo("/slack/api/chat.postMessage")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"ok\": true, \"ts\": \"1.2\"}")));
        server.stubFor(post(urlPathEqualTo("/slack/api/auth.test")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"ok\": true, \"team_id\": \"T000\", \"user_id\": \"U000\"}")));
        server.stubFor(post(urlPathEqualTo("/twilio" + TWILIO_MESSAGES)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"sid\": \"SM0001\", \"status\": \"queued\", \"account_sid\": \"" + TWILIO_SID + "\"}")));
        server.stubFor(post(urlPathMatching("/ifttt/trigger/.*")).willReturn(aResponse().withStatus(200)
                .withBody("Congratulations! You've fired the event")));
        server.stubFor(post(urlPathEqualTo(TEAMS_HOOK)).willReturn(aResponse().withStatus(202)));
        server.stubFor(post(urlPathMatching("/forward/.*")).willReturn(aResponse().withStatus(200)));
    }

    /** IFTTT answers {@code status} to the first {@code failures} requests, then succeeds. */
    public void answerIftttWithFailuresFirst(int failures, int status) {
        String scenario = "ifttt-outage";
        for (int i = 0; i < failures; i++) {
            server.stubFor(post(urlPathMatching("/ifttt/trigger/.*")).inScenario(scenario)
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "failed-" + i)
                    .willReturn(aResponse().withStatus(status))
                    .willSetStateTo("failed-" + (i + 1)));
        }
    }

    /** IFTTT answers 429 with Retry-After once, then succeeds. */
    public void answerIftttWith429ThenSuccess(int retryAfterSeconds) {
        server.stubFor(post(urlPathMatching("/ifttt/trigger/.*")).inScenario("rate-limited")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", String.valueOf(retryAfterSeconds)))
                .willSetStateTo("answered-429"));
    }

    /** IFTTT takes {@code millis} to answer each request, then succeeds. */
    public void answerIftttSlowly(int millis) {
        server.stubFor(post(urlPathMatching("/ifttt/trigger/.*")).willReturn(aResponse().withStatus(200)
                .withFixedDelay(millis).withBody("Congratulations! You've fired the event")));
    }

    /** The requests to paths matching {@code pathRegex} that the stand-in answered with 2xx. */
    public List<LoggedRequest> delivered(String pathRegex) {
        return server.getAllServeEvents().stream()
                .filter(event -> event.getRequest().getUrl().matches(pathRegex))
                .filter(event -> event.getResponse().getStatus() / 100 == 2)
                .map(event -> LoggedRequest.createFrom(event.getRequest()))
                .toList();
    }

    /** Slack answers {@code response} to messages that mention {@code marker}, and as before to the others. */
    public void answerSlackWhenMentioned(String marker, ResponseDefinitionBuilder response) {
        server.stubFor(post(urlPathEqualTo(SLACK_HOOK)).atPriority(1)
                .withRequestBody(WireMock.containing(marker)).willReturn(response));
    }

    public void answerSlack(ResponseDefinitionBuilder response) {
        server.stubFor(post(urlPathEqualTo(SLACK_HOOK)).willReturn(response));
    }

    /** Settings that turn on all three channels against this stand-in, with every event wanted. */
    public Map<String, String> allChannels() {
        Map<String, String> settings = new HashMap<>();
        settings.put("slack.webhook-url", base() + SLACK_HOOK);
        settings.put("twilio.account-sid", TWILIO_SID);
        settings.put("twilio.auth-token", TWILIO_TOKEN);
        settings.put("twilio.from", "+15550000001");
        settings.put("twilio.to", "+15550000002");
        settings.put("twilio.api-url", base() + "/twilio");
        settings.put("ifttt.key", IFTTT_KEY);
        settings.put("ifttt.base-url", base() + "/ifttt");
        settings.put("slack.events", "*");
        settings.put("twilio.events", "*");
        settings.put("ifttt.events", "*");
        return settings;
    }

    /** {@link #allChannels()} with some settings changed or added. */
    public Map<String, String> allChannelsWith(Map<String, String> changes) {
        Map<String, String> settings = allChannels();
        settings.putAll(changes);
        return settings;
    }

    public String base() {
        return "http://127.0.0.1:" + server.port();
    }

    public List<LoggedRequest> slack() {
        return received(WireMock.postRequestedFor(urlPathMatching("/slack/.*")));
    }

    public List<LoggedRequest> slackPostMessage() {
        return received(WireMock.postRequestedFor(urlPathEqualTo("/slack/api/chat.postMessage")));
    }

    public List<LoggedRequest> twilio() {
        return received(WireMock.postRequestedFor(urlPathMatching("/twilio/.*")));
    }

    public List<LoggedRequest> ifttt() {
        return received(WireMock.postRequestedFor(urlPathMatching("/ifttt/.*")));
    }

    /** The POSTs to {@code path} in the order they came. */
    public List<LoggedRequest> posted(String path) {
        return received(WireMock.postRequestedFor(urlPathEqualTo(path)));
    }

    public List<LoggedRequest> teams() {
        return received(WireMock.postRequestedFor(urlPathMatching("/teams/.*")));
    }

    public List<LoggedRequest> forward() {
        return received(WireMock.postRequestedFor(urlPathMatching("/forward/.*")));
    }

    /** The first request to {@code path} that mentions {@code marker} gets {@code status}; later ones as before. */
    public void answerOnceWhenMentioned(String path, String marker, int status) {
        server.stubFor(post(urlPathEqualTo(path)).atPriority(1).inScenario("once-" + marker)
                .whenScenarioStateIs(Scenario.STARTED).withRequestBody(WireMock.containing(marker))
                .willReturn(aResponse().withStatus(status)).willSetStateTo("answered"));
    }

    /** Answers every request to a path matching {@code pathRegex} with {@code response}. */
    public void answer(String pathRegex, ResponseDefinitionBuilder response) {
        server.stubFor(post(urlPathMatching(pathRegex)).atPriority(1).willReturn(response));
    }

    public List<LoggedRequest> all() {
        return received(anyRequestedFor(anyUrl()));
    }

    private List<LoggedRequest> received(RequestPatternBuilder pattern) {
        return server.findAll(pattern);
    }

    /**
     * Asks {@code probe} until {@code done} holds of its answer, and returns that answer; fails after
     * {@code timeout} with the last answer seen. An exception that the relay's own threads leave uncaught is theirs
     * to log, not a reason to stop waiting.
     */
    public static <T> T await(String what, Duration timeout, Supplier<T> probe, Predicate<T> done) {
        return Awaitility.await(what).atMost(timeout).pollInterval(Duration.ofMillis(50)).dontCatchUncaughtExceptions()
                .until(probe::get, done);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        server.stop();
    }
}
