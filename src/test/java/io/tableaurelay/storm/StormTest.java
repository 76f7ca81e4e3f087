package io.tableaurelay.storm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.tableaurelay.registration.TableauStandIn;
import io.tableaurelay.support.ChannelStandIn;
import io.tableaurelay.support.Events;
import io.tableaurelay.support.Metrics;
import io.tableaurelay.support.Received;
import io.tableaurelay.support.RunningRelay;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.tableaurelay.support.ChannelStandIn.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Alert storms against the Slack and Twilio stand-ins and a Tableau stand-in that knows the items' projects: a burst
 * becomes one Slack message per project, SMS stays within its cap plus one fold, and every event is in exactly one
 * message per channel; repeats and recoveries read as such.
 */
@Tag("relay")
class StormTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final List<String> PROJECTS = List.of("Finance", "Sales", "Operations");
    private static final int BURST = 100;
    private static final int CAP = 5;
    private static final Pattern GROUP_TEXT = Pattern.compile(":red_circle: (\\d+) data source refreshes failed in the last .*");

    @RegisterExtension
    final ChannelStandIn channels = new ChannelStandIn();
    private TableauStandIn tableau;

    @BeforeEach
    void tableau() {
        tableau = new TableauStandIn();
        tableau.signInGives("finance", TableauStandIn.TOKEN);
        tableau.signOutAccepted(TableauStandIn.TOKEN);
        for (int project = 0; project < PROJECTS.size(); project++) {
            tableau.itemsIn("datasources", luidPrefix(project) + ".*", PROJECTS.get(project));
        }
    }

    @AfterEach
    void stopTableau() {
        tableau.close();
    }

    @Test
    void aBurstIsOneSlackMessagePerProjectAndSmsStaysWithinItsCapPlusOneFold() throws Exception {
        Map<String, String> settings = new HashMap<>(channels.allChannelsWith(Map.of(
                "ifttt.key", "",
                "slack.events", "*Failed",
                "slack.group-by", "project",
                "slack.group-wait", "20s",
                "twilio.events", "*RefreshFailed",
                "twilio.max-per-hour", String.valueOf(CAP),
                "cap-window", "20s",
                // side by side, as by default: groups and caps hold when messages are taken concurrently
                "delivery.consumers", "4")));
        settings.putAll(tableauSignIn());
        try (RunningRelay relay = RunningRelay.start(settings)) {
            Map<String, String> projectOfEvent = postBurst(relay);
            JsonNode open = await("the open groups on the status page", WAIT,
                    () -> Received.json(relay.manage("/admin/status").body()).path("groups"),
                    groups -> eventsIn(groups, "slack") == BURST && eventsIn(groups, "sms") == BURST - CAP);
            assertEquals(PROJECTS.size() + 1, open.size(), "a group per project, and the SMS fold: " + open);

            List<LoggedRequest> slack = await("a Slack message for each project", WAIT, channels::slack,
                    list -> list.size() >= PROJECTS.size());
            List<LoggedRequest> sms = await("the SMS within the cap and the fold", WAIT, channels::twilio,
                    list -> list.size() == CAP + 1);
            Map<String, JsonNode> slackOutcomes = await("every event's Slack outcome", WAIT,
                    () -> outcomes(relay, "slack"), outcomes -> delivered(outcomes) == BURST);
            Map<String, JsonNode> smsOutcomes = await("every event's SMS outcome", WAIT,
                    () -> outcomes(relay, "sms"), outcomes -> delivered(outcomes) == BURST);

            // Slack: one message per project, the events of one project each, and every event in exactly one
            assertEquals(PROJECTS.size(), channels.slack().size(), "posted within one group-wait, so one window");
            int inMessages = 0;
            for (LoggedRequest message : slack) {
                Matcher count = GROUP_TEXT.matcher(Received.slackText(message));
                assertTrue(count.matches(), Received.slackText(message));
                inMessages += Integer.parseInt(count.group(1));
            }
            assertEquals(BURST, inMessages);
            Map<String, Set<String>> projectsByMessage = new HashMap<>();
            slackOutcomes.forEach((eventId, outcome) -> projectsByMessage
                    .computeIfAbsent(outcome.path("message").asText(), id -> new HashSet<>())
                    .add(projectOfEvent.get(eventId)));
            assertEquals(PROJECTS.size(), projectsByMessage.size(), projectsByMessage.toString());
            projectsByMessage.values().forEach(projects -> assertEquals(1, projects.size(), projects.toString()));

            // SMS: the first messages up to the cap on their own, the rest in one fold at the end of the cap's hour
            List<String> bodies = sms.stream().map(Received::smsBody).toList();
            assertTrue(bodies.get(CAP).startsWith("Tableau: and " + (BURST - CAP) + " more since "), bodies.toString());
            Map<String, Integer> byMessage = new TreeMap<>();
            smsOutcomes.values().forEach(outcome -> byMessage.merge(outcome.path("message").asText("alone"), 1, Integer::sum));
            assertEquals(Map.of("alone", CAP), Map.of("alone", byMessage.remove("alone")));
            assertEquals(List.of(BURST - CAP), List.copyOf(byMessage.values()), "one fold carries all the others");

            Metrics metrics = Metrics.scrape(relay);
            assertEquals(BURST, metrics.value("relay_events_grouped_total", "channel", "slack"));
            assertEquals(BURST - CAP, metrics.value("relay_events_folded_total", "channel", "sms"));
        }
    }

    @Test
    void aFailureTwoRepeatsAndTheSuccessAfterThemReadAsSuchAndSmsHearsOnlyTheFirst() {
        Map<String, String> settings = new HashMap<>(channels.allChannelsWith(Map.of(
                "ifttt.key", "",
                "slack.events", "*Failed",
                "slack.notify-recovery", "true",
                "twilio.events", "*RefreshFailed",
                "twilio.notify-repeats", "false",
                "repeat-interval", "4h")));
        String luid = luidPrefix(0) + "-0000-4000-8000-000000000001";
        try (RunningRelay relay = RunningRelay.start(settings)) {
            for (String at : List.of("2026-11-29T06:00:00Z", "2026-11-29T07:00:00Z", "2026-11-29T08:00:00Z")) {
                assertEquals(200, relay.post(Events.eventAt("DatasourceRefreshFailed", "EXTRACTS", "Ledger", luid, at))
                        .statusCode());
            }
            relay.post(Events.eventAt("DatasourceRefreshSucceeded", "EXTRACTS", "Ledger", luid, "2026-11-29T09:00:00Z"));
            relay.post(Events.eventAbout("DatasourceRefreshFailed", "EXTRACTS", "marker", luidPrefix(1) + "-0000-4000-8000-000000000002"));

            List<String> slack = await("five Slack messages", WAIT, () -> channels.slack().stream()
                    .map(Received::slackText).toList(), texts -> texts.size() == 5);
            assertEquals(":red_circle: Data source refresh failed: Ledger (data source)", slack.get(0));
            assertTrue(slack.get(1).matches(":red_circle: Data source refresh failed \\(still failing, 2nd time since "
                    + "\\d\\d:\\d\\d UTC\\): Ledger \\(data source\\)"), slack.get(1));
            assertTrue(slack.get(2).matches(":red_circle: Data source refresh failed \\(still failing, 3rd time since "
                    + "\\d\\d:\\d\\d UTC\\): Ledger \\(data source\\)"), slack.get(2));
            assertEquals(":large_green_circle: Data source refresh succeeded (recovered after 3 failures): Ledger (data source)",
                    slack.get(3));
            assertTrue(slack.get(4).contains("marker"), slack.get(4));

            List<String> sms = await("the marker's SMS", WAIT, () -> channels.twilio().stream().map(Received::smsBody)
                    .toList(), bodies -> bodies.stream().anyMatch(body -> body.endsWith("marker")));
            assertEquals(2, sms.size(), "the first failure and the marker; no repeat, no recovery: " + sms);
            assertNull(sms.stream().filter(body -> body.contains("still failing")).findAny().orElse(null));
            assertEquals(2, Metrics.scrape(relay).value("relay_events_dropped_as_repeat_total", "channel", "sms"));
        }
    }

    /** Posts the burst from eight clients at once; returns each event's project by event id. */
    private Map<String, String> postBurst(RunningRelay relay) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> ids = new ArrayList<>();
            Map<String, String> names = new HashMap<>();
            for (int i = 0; i < BURST; i++) {
                int project = i % PROJECTS.size();
                String luid = luidPrefix(project) + "-0000-4000-8000-" + String.format("%012d", i);
                String name = "source-" + i;
                names.put(name, PROJECTS.get(project));
                ids.add(clients.submit(() -> {
                    assertEquals(200, relay.post(Events.eventAbout("DatasourceRefreshFailed", "EXTRACTS", name, luid))
                            .statusCode());
                    return name;
                }));
            }
            for (Future<String> id : ids) {
                id.get();
            }
            // the delivery log names each event by its id; the project of each comes from its name
            Map<String, String> projectOfEvent = new HashMap<>();
            await("every event in the delivery log", WAIT, () -> deliveries(relay), list -> list.size() >= BURST)
                    .forEach(entry -> projectOfEvent.put(entry.path("eventId").asText(), names.get(entry.path("item").asText())));
            return projectOfEvent;
        } finally {
            clients.shutdown();
        }
    }

    private static int eventsIn(JsonNode groups, String channel) {
        int events = 0;
        for (JsonNode group : groups) {
            if (channel.equals(group.path("channel").asText())) {
                events += group.path("events").asInt();
            }
        }
        return events;
    }

    private static List<JsonNode> deliveries(RunningRelay relay) {
        List<JsonNode> list = new ArrayList<>();
        Received.json(relay.manage("/admin/deliveries?limit=1000").body()).path("deliveries").forEach(list::add);
        return list;
    }

    /** Each event's outcome on the channel, by event id. */
    private static Map<String, JsonNode> outcomes(RunningRelay relay, String channel) {
        Map<String, JsonNode> outcomes = new HashMap<>();
        for (JsonNode entry : deliveries(relay)) {
            JsonNode outcome = entry.path("channels").path(channel);
            if (!outcome.isMissingNode()) {
                outcomes.put(entry.path("eventId").asText(), outcome);
            }
        }
        return outcomes;
    }

    private static long delivered(Map<String, JsonNode> outcomes) {
        return outcomes.values().stream().filter(outcome -> "delivered".equals(outcome.path("outcome").asText())).count();
    }

    private Map<String, String> tableauSignIn() {
        return Map.of("tableau.server-url", tableau.url(), "tableau.site", "finance",
                "tableau.pat-name", TableauStandIn.PAT_NAME, "tableau.pat-secret", TableauStandIn.PAT_SECRET);
    }

    private static String luidPrefix(int project) {
        return String.format("%08d", project + 1);
    }
}
