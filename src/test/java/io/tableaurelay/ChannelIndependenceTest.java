package io.tableaurelay;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.tableaurelay.support.CapturedLog;
import io.tableaurelay.support.ChannelStandIn;
import io.tableaurelay.support.Events;
import io.tableaurelay.support.Received;
import io.tableaurelay.support.RunningRelay;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static io.tableaurelay.support.ChannelStandIn.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One channel failing or hanging never stops or delays another channel's message. */
@Tag("relay")
class ChannelIndependenceTest {

    @RegisterExtension
    final ChannelStandIn standIn = new ChannelStandIn();
    private RunningRelay relay;

    private CapturedLog log;

    @BeforeEach
    void start() {
        log = CapturedLog.capture();
    }

    @AfterEach
    void stop() {
        relay.close();
        log.close();
    }

    private void startRelay(Map<String, String> changes) {
        relay = RunningRelay.start(standIn.allChannelsWith(changes));
    }

    @Test
    void slackAnswering500DoesNotStopSmsOrIfttt() {
        startRelay(Map.of());
        standIn.answerSlack(aResponse().withStatus(500).withBody("internal_error"));

        assertEquals(200, relay.post(Events.event("DatasourceRefreshFailed", "EXTRACTS", "First")).statusCode());
        assertEquals(200, relay.post(Events.event("DatasourceRefreshFailed", "EXTRACTS", "Second")).statusCode());

        Duration wait = Duration.ofSeconds(10);
        await("both SMS", wait, standIn::twilio, list -> Received.mentions(list, "Second"));
        await("both IFTTT triggers", wait, standIn::ifttt, list -> Received.mentions(list, "Second"));
        List<LoggedRequest> slack = await("Slack tried both", wait, standIn::slack,
                list -> Received.mentions(list, "First") && Received.mentions(list, "Second"));
        assertTrue(slack.size() >= 2);
        assertEquals(2, standIn.ifttt().size());
        assertEquals(2, standIn.twilio().size());
        await("the failure in the log", wait, log::lines,
                lines -> lines.stream().filter(l -> l.contains("slack: attempt 1 for DatasourceRefreshFailed failed (HTTP 500)")).count() == 2);
    }

    @Test
    void aHangingSlackDoesNotDelaySmsOrIfttt() {
        startRelay(Map.of());
        standIn.answerSlack(aResponse().withStatus(200).withBody("ok").withFixedDelay(6_000));

        long start = System.nanoTime();
        relay.post(Events.event("WorkbookRefreshFailed", "EXTRACTS", "Slow One"));
        relay.post(Events.event("WorkbookRefreshFailed", "EXTRACTS", "Slow Two"));

        Duration quick = Duration.ofSeconds(3);
        await("SMS for both", quick, standIn::twilio, list -> Received.mentions(list, "Slow+Two"));
        await("IFTTT for both", quick, standIn::ifttt, list -> Received.mentions(list, "Slow Two"));
        long elapsedMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertTrue(elapsedMillis < 3_000, "SMS and IFTTT took " + elapsedMillis + " ms");
        assertEquals(1, standIn.slack().size(), "Slack is still busy with the first message");
    }

    @Test
    void anUnreachableIftttDoesNotStopSlackOrSms() {
        startRelay(Map.of("ifttt.base-url", "http://127.0.0.1:" + RunningRelay.freePort() + "/ifttt"));

        relay.post(Events.event("WorkbookRefreshFailed", "EXTRACTS", "Unreachable IFTTT"));

        Duration wait = Duration.ofSeconds(10);
        await("Slack", wait, standIn::slack, list -> Received.mentions(list, "Unreachable IFTTT"));
        await("SMS", wait, standIn::twilio, list -> Received.mentions(list, "Unreachable+IFTTT"));
        assertTrue(standIn.ifttt().isEmpty());
        await("the failure in the log", wait, log::lines, lines -> lines.stream()
                .anyMatch(line -> line.contains("ifttt: attempt 1 for WorkbookRefreshFailed failed (could not connect)")));
    }
}
