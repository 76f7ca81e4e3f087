package io.tableaurelay.storm;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
 * During a maintenance window a channel holds its events and, when the window ends, sends them as one message; a
 * channel with windows of its own (none here) sends them at once. A bad window stops the relay, naming its setting.
 */
@Tag("relay")
class MaintenanceWindowTest {

    private static final Duration WAIT = Duration.ofSeconds(150);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    @RegisterExtension
    final ChannelStandIn standIn = new ChannelStandIn();

    @Test
    void eventsInAWindowGoOutAsOneMessageWhenItEnds() {
        // a window from this minute to the next (the one after, when this one is nearly over): the test waits for its end
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        LocalDateTime start = now.truncatedTo(ChronoUnit.MINUTES);
        LocalDateTime end = start.plusMinutes(now.getSecond() > 45 ? 2 : 1);
        String window = DAY.format(start) + " " + TIME.format(start) + "-" + TIME.format(end) + " UTC";
        Map<String, String> settings = new HashMap<>(standIn.allChannels());
        settings.put("twilio.account-sid", "");
        settings.put("maintenance.windows", window);
        settings.put("ifttt.maintenance-windows", "");
        // a channel that groups, swept often: the sweep leaves a window's events until its end
        settings.put("slack.group-wait", "1s");
        settings.put("group-sweep-interval", "1s");
        try (RunningRelay relay = RunningRelay.start(settings)) {
            relay.post(Events.eventAbout("DatasourceRefreshFailed", "EXTRACTS", "Sales Extract", "5a1e0000-0000-4000-8000-000000000001"));
            relay.post(Events.eventAbout("DatasourceRefreshFailed", "EXTRACTS", "Ops KPIs", "5a1e0000-0000-4000-8000-000000000002"));
            relay.post(Events.eventAt("DatasourceRefreshSucceeded", "EXTRACTS", "Sales Extract",
                    "5a1e0000-0000-4000-8000-000000000001", "2026-11-29T18:00:00Z"));
            await("all three on IFTTT, which has no window", WAIT, standIn::ifttt, sent -> sent.size() == 3);

            List<LoggedRequest> slack = await("the window's one Slack message", WAIT, standIn::slack, sent -> !sent.isEmpty());
            assertEquals(1, slack.size(), "one message for the window, not one each");
            assertEquals(":information_source: during maintenance " + TIME.format(start) + "-" + TIME.format(end)
                    + ": 2 data source refreshes failed, 1 of them has succeeded since; still failing: Ops KPIs",
                    Received.slackText(slack.get(0)));
            assertTrue(!LocalDateTime.now(ZoneOffset.UTC).isBefore(end), "sent once the window was over");
        }
    }

    @Test
    void aWindowWrittenWronglyStopsTheRelayNamingItsSetting() {
        IllegalStateException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> RunningRelay.start(Map.of("slack.maintenance-windows", "Sunday night")).close());
        StringBuilder causes = new StringBuilder();
        for (Throwable cause = refused; cause != null; cause = cause.getCause()) {
            causes.append(cause.getMessage()).append('\n');
        }
        assertTrue(causes.toString().contains("Setting slack.maintenance-windows: a maintenance window is written like"),
                causes.toString());
    }
}
