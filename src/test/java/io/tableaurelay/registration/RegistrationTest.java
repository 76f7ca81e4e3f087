package io.tableaurelay.registration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.tableaurelay.support.CapturedLog;
import io.tableaurelay.support.Events;
import io.tableaurelay.support.Received;
import io.tableaurelay.support.RunningRelay;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.tableaurelay.registration.TableauStandIn.API;
import static io.tableaurelay.registration.TableauStandIn.AUTH;
import static io.tableaurelay.registration.TableauStandIn.DESTINATION;
import static io.tableaurelay.registration.TableauStandIn.PAT_SECRET;
import static io.tableaurelay.registration.TableauStandIn.SITES;
import static io.tableaurelay.registration.TableauStandIn.TOKEN;
import static io.tableaurelay.registration.TableauStandIn.createBody;
import static io.tableaurelay.registration.TableauStandIn.error;
import static io.tableaurelay.registration.TableauStandIn.ours;
import static io.tableaurelay.registration.TableauStandIn.updateBody;
import static io.tableaurelay.registration.TableauStandIn.webhook;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The register route of the real relay against a WireMock stand-in of Tableau's REST API. Each test starts
 * the relay, waits for the startup run to end (its summary line) and checks what the stand-in received.
 */
@Tag("relay")
class RegistrationTest {

    private static final String DRF = "DatasourceRefreshFailed";
    private static final String WRF = "WorkbookRefreshFailed";
    private static final String SUMMARY = "Tableau webhooks reconciled: ";
    private static final String SECOND_TOKEN = "session-token-0815";

    private TableauStandIn tableau;
    private CapturedLog log;

    @BeforeEach
    void standIn() {
        tableau = TableauStandIn.signingIn("marketing", TOKEN);
        log = CapturedLog.capture();
    }

    @AfterEach
    void noSecretsLogged() {
        try {
            for (String line : log.lines()) {
                for (String secret : List.of(PAT_SECRET, TOKEN, SECOND_TOKEN, "pw-s3cret")) {
                    assertFalse(line.contains(secret), "a secret in the log: " + line);
                }
            }
        } finally {
            log.close();
            tableau.close();
        }
    }

    @Test
    void emptySiteGetsAWebhookForEveryEventThatAChannelWants() {
        tableau.signInGives("", TOKEN);
        tableau.lists(TOKEN);
        tableau.createAccepted(TOKEN, DRF);
        tableau.createAccepted(TOKEN, WRF);

        try (RunningRelay relay = start("tableau.site", "", "tableau.events", "",
                "ifttt.key", "ifttt-key", "ifttt.events", "*RefreshFailed")) {
            awaitSummary("created 2, updated 0, re-enabled 0, deleted 0, unchanged 0");
        }

        tableau.server.verify(1, postRequestedFor(urlEqualTo(API + "/auth/signin"))
                .withRequestBody(equalToJson(TableauStandIn.patSignInBody(""))));
        for (String event : List.of(DRF, WRF)) {
            tableau.server.verify(1, postRequestedFor(urlEqualTo(SITES))
                    .withHeader(AUTH, equalTo(TOKEN))
                    .withHeader("Content-Type", equalTo("application/json"))
                    .withRequestBody(equalToJson(createBody(event))));
        }
        tableau.server.verify(2, postRequestedFor(urlEqualTo(SITES)));
        assertNoUpdatesOrDeletions();
        assertSignedOutOnce(TOKEN);
    }

    @Test
    void siteAlreadySetUpStaysAsItIsRunAfterRun() {
        tableau.server.stubFor(post(urlEqualTo(API + "/auth/signin"))
                .withRequestBody(equalToJson("""
                        {"credentials": {"name": "admin", "password": "pw-s3cret", "site": {"contentUrl": "marketing"}}}"""))
                .willReturn(TableauStandIn.signedIn(TOKEN)));
        tableau.lists(TOKEN, ours(DRF), ours(WRF));

        try (RunningRelay relay = start("tableau.pat-name", "", "tableau.pat-secret", "",
                "tableau.username", "admin", "tableau.password", "pw-s3cret", "tableau.reconcile-interval", "300")) {
            await("two runs", () -> summaries().size() >= 2);
        }

        summaries().forEach(summary ->
                assertTrue(summary.endsWith("created 0, updated 0, re-enabled 0, deleted 0, unchanged 2"), summary));
        tableau.server.verify(0, postRequestedFor(urlEqualTo(SITES)));
        assertNoUpdatesOrDeletions();
        assertEquals(tableau.signIns(), tableau.signOuts());
        assertEquals("", tableau.unmatched());
    }

    /** The stand-in refuses a reason sent with isEnabled=true (400127), as Tableau does. */
    @Test
    void webhookDisabledByTableauIsReEnabledWithoutAStatusChangeReason() {
        String reason = "Webhook disabled after 4 consecutive failed deliveries";
        tableau.lists(TOKEN, ours(DRF), webhook("id-" + WRF, "relay-" + WRF, WRF, DESTINATION, false, reason));
        tableau.updateAccepted(TOKEN);

        try (RunningRelay relay = start()) {
            awaitSummary("created 0, updated 0, re-enabled 1, deleted 0, unchanged 1");

            // the status page shows the relay's webhooks as Tableau listed them after the run (this stand-in
            // keeps listing the disabled one), and never their URL, which carries the webhook secret
            JsonNode registration = Received.json(relay.manage("/admin/status").body()).path("registration");
            assertTrue(registration.path("on").asBoolean(), registration.toString());
            assertEquals("created 0, updated 0, re-enabled 1, deleted 0, unchanged 1",
                    registration.path("lastResult").asText());
            assertEquals(2, registration.path("webhooks").size(), registration.toString());
            JsonNode disabled = null;
            for (JsonNode webhook : registration.path("webhooks")) {
                if (webhook.path("name").asText().equals("relay-" + WRF)) {
                    disabled = webhook;
                }
            }
            assertNotNull(disabled, registration.toString());
            assertFalse(disabled.path("enabled").asBoolean());
            assertEquals(reason, disabled.path("statusChangeReason").asText());
            assertFalse(registration.toString().contains(DESTINATION), registration.toString());
        }

        tableau.server.verify(1, putRequestedFor(urlEqualTo(SITES + "/id-" + WRF))
                .withHeader(AUTH, equalTo(TOKEN))
                .withRequestBody(equalToJson(updateBody("relay-" + WRF, WRF)))
                .withRequestBody(notContaining("statusChangeReason")));
        tableau.server.verify(1, putRequestedFor(anyUrl()));
        assertTrue(log.contains("WARN Tableau had disabled webhook relay-" + WRF + " (" + reason + ")"));
        assertSignedOutOnce(TOKEN);
    }

    @Test
    void staleDestinationIsUpdated() {
        String old = "https://old-relay.example.com/webhooks/tableau";
        tableau.lists(TOKEN, webhook("id-" + DRF, "relay-" + DRF, DRF, old, true, ""), ours(WRF));
        tableau.updateAccepted(TOKEN);

        try (RunningRelay relay = start()) {
            awaitSummary("created 0, updated 1, re-enabled 0, deleted 0, unchanged 1");
        }

        tableau.server.verify(1, putRequestedFor(urlEqualTo(SITES + "/id-" + DRF))
                .withHeader(AUTH, equalTo(TOKEN))
                .withRequestBody(equalToJson(updateBody("relay-" + DRF, DRF))));
        tableau.server.verify(1, putRequestedFor(anyUrl()));
        tableau.server.verify(0, deleteRequestedFor(anyUrl()));
        assertSignedOutOnce(TOKEN);
    }

    @Test
    void staleEventIsLeftAloneWithoutPrune() {
        tableau.lists(TOKEN, ours(DRF), ours(WRF), ours("WorkbookCreated"));

        try (RunningRelay relay = start("tableau.prune", "false")) {
            awaitSummary("created 0, updated 0, re-enabled 0, deleted 0, unchanged 3");
        }

        assertNoUpdatesOrDeletions();
        tableau.server.verify(0, postRequestedFor(urlEqualTo(SITES)));
        assertSignedOutOnce(TOKEN);
    }

    @Test
    void staleEventIsDeletedWithPrune() {
        tableau.lists(TOKEN, ours(DRF), ours(WRF), ours("WorkbookCreated"));
        tableau.deleteAccepted(TOKEN);

        try (RunningRelay relay = start("tableau.prune", "true")) {
            awaitSummary("created 0, updated 0, re-enabled 0, deleted 1, unchanged 2");
        }

        tableau.server.verify(1, deleteRequestedFor(urlEqualTo(SITES + "/id-WorkbookCreated"))
                .withHeader(AUTH, equalTo(TOKEN)));
        tableau.server.verify(1, deleteRequestedFor(anyUrl()));
        tableau.server.verify(0, putRequestedFor(anyUrl()));
        assertSignedOutOnce(TOKEN);
    }

    @Test
    void foreignWebhooksAreNeverTouchedEvenWithPrune() {
        tableau.lists(TOKEN, ours(DRF), ours(WRF),
                webhook("foreign-1", "ops-" + DRF, DRF, "https://ops.example.com/hook", false, "failures"),
                webhook("foreign-2", "relayWorkbookCreated", "WorkbookCreated", "https://x.example.com", true, ""),
                webhook("foreign-3", "Relay-" + WRF, WRF, "https://old.example.com", true, ""));

        try (RunningRelay relay = start("tableau.prune", "true")) {
            awaitSummary("created 0, updated 0, re-enabled 0, deleted 0, unchanged 2");
        }

        assertNoUpdatesOrDeletions();
        tableau.server.verify(0, postRequestedFor(urlEqualTo(SITES)));
        assertSignedOutOnce(TOKEN);
    }

    @Test
    void listSpanningTwoPagesIsReadToTheEnd() {
        List<String> firstPage = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            firstPage.add(webhook("foreign-" + i, "someone-else-" + i, "WorkbookCreated", "https://x.example.com",
                    true, ""));
        }
        tableau.listsPage(TOKEN, 1, 101, firstPage.toArray(String[]::new));
        tableau.listsPage(TOKEN, 2, 101, ours(DRF));
        tableau.createAccepted(TOKEN, WRF);

        try (RunningRelay relay = start()) {
            awaitSummary("created 1, updated 0, re-enabled 0, deleted 0, unchanged 1");
        }

        tableau.server.verify(WireMock.moreThanOrExactly(1), getRequestedFor(urlPathEqualTo(SITES))
                .withQueryParam("pageNumber", equalTo("2")).withHeader(AUTH, equalTo(TOKEN)));
        tableau.server.verify(0, getRequestedFor(urlPathEqualTo(SITES)).withQueryParam("pageNumber", equalTo("3")));
        tableau.server.verify(1, postRequestedFor(urlEqualTo(SITES)).withRequestBody(equalToJson(createBody(WRF))));
        tableau.server.verify(1, postRequestedFor(urlEqualTo(SITES)));
        assertSignedOutOnce(TOKEN);
    }

    @Test
    void listWithoutPaginationIsOneAnswerEvenWhenItIsAFullPage() {
        List<String> webhooks = new ArrayList<>();
        for (int i = 0; i < TableauSession.PAGE_SIZE; i++) {
            webhooks.add(webhook("foreign-" + i, "someone-else-" + i, "WorkbookCreated", "https://x.example.com",
                    true, ""));
        }
        webhooks.add(ours(DRF));
        tableau.lists(TOKEN, webhooks.toArray(String[]::new));
        tableau.createAccepted(TOKEN, WRF);

        try (RunningRelay relay = start()) {
            awaitSummary("created 1, updated 0, re-enabled 0, deleted 0, unchanged 1");
        }

        tableau.server.verify(0, getRequestedFor(urlPathEqualTo(SITES)).withQueryParam("pageNumber", equalTo("2")));
        tableau.server.verify(1, postRequestedFor(urlEqualTo(SITES)));
        assertSignedOutOnce(TOKEN);
    }

    @Test
    void duplicateNameThatTableauAcceptedIsReducedToTheOldest() {
        // Tableau accepts a second webhook of the same name: another instance created relay-DRF just before
        String theirs = webhook("other-" + DRF, "relay-" + DRF, DRF, DESTINATION, true, "", "2026-01-01T10:00:00Z");
        String mine = webhook("new-" + DRF, "relay-" + DRF, DRF, DESTINATION, true, "", "2026-01-03T10:00:00Z");
        listsInTurn(List.of(ours(WRF)), List.of(ours(WRF), mine, theirs), List.of(ours(WRF), theirs));
        tableau.createAccepted(TOKEN, DRF);
        tableau.deleteAccepted(TOKEN);

        try (RunningRelay relay = start()) {
            awaitSummary("created 1, updated 0, re-enabled 0, deleted 1, unchanged 1");
        }

        tableau.server.verify(1, postRequestedFor(urlEqualTo(SITES)).withRequestBody(equalToJson(createBody(DRF))));
        tableau.server.verify(1, deleteRequestedFor(urlEqualTo(SITES + "/new-" + DRF)));
        tableau.server.verify(1, deleteRequestedFor(anyUrl()));
        assertSignedOutOnce(TOKEN);
    }

    @Test
    void webhookGoneBeforeItsDeletionIsNoFailure() {
        tableau.lists(TOKEN, ours(DRF), ours(WRF), ours("WorkbookCreated"));
        tableau.server.stubFor(WireMock.delete(urlEqualTo(SITES + "/id-WorkbookCreated")).withHeader(AUTH, equalTo(TOKEN))
                .willReturn(TableauStandIn.reportedError(404, "issue-tableau-webhooks-docs-7__error_404003__response.json")));

        try (RunningRelay relay = start("tableau.prune", "true")) {
            awaitSummary("created 0, updated 0, re-enabled 0, deleted 0, unchanged 2");
        }

        assertTrue(log.contains("INFO Webhook relay-WorkbookCreated (id-WorkbookCreated) is gone already"), log.text());
        assertEquals(1, tableau.signIns(), "no failure, no second run");
        assertSignedOutOnce(TOKEN);
    }

    @Test
    void sessionEndedMidRunLeadsToOneNewSignInAndARetryOfThatCall() {
        tableau.server.resetMappings();
        tableau.server.stubFor(TableauStandIn.signIn("marketing").inScenario("sessions")
                .whenScenarioStateIs(STARTED).willSetStateTo("first session")
                .willReturn(TableauStandIn.signedIn(TOKEN)));
        tableau.server.stubFor(TableauStandIn.signIn("marketing").inScenario("sessions")
                .whenScenarioStateIs("first session").willSetStateTo("second session")
                .willReturn(TableauStandIn.signedIn(SECOND_TOKEN)));
        tableau.server.stubFor(TableauStandIn.listCall(TOKEN, 1)
                .willReturn(error(401, "401002", "Unauthorized Access")));
        tableau.lists(SECOND_TOKEN, ours(DRF));
        tableau.createAccepted(SECOND_TOKEN, WRF);
        tableau.signOutAccepted(SECOND_TOKEN);

        try (RunningRelay relay = start()) {
            awaitSummary("created 1, updated 0, re-enabled 0, deleted 0, unchanged 1");
        }

        assertEquals(2, tableau.signIns());
        tableau.server.verify(1, getRequestedFor(urlPathEqualTo(SITES)).withHeader(AUTH, equalTo(TOKEN)));
        tableau.server.verify(1, postRequestedFor(urlEqualTo(SITES)).withHeader(AUTH, equalTo(SECOND_TOKEN))
                .withRequestBody(equalToJson(createBody(WRF))));
        assertSignedOutOnce(SECOND_TOKEN);
    }

    @Test
    void serverErrorIsLoggedSignsOutAndIsTriedAgainWithBackoffWhileTheRelayServes() {
        tableau.server.stubFor(TableauStandIn.listCall(TOKEN, 1).willReturn(
                TableauStandIn.reportedError(500, "issue-tableau-webhooks-docs-6__error_500000__response.json")));

        RunningRelay relay = start("tableau.retry-delay", "200");
        try {
            await("a failure line", () -> log.contains("WARN Registration in Tableau failed: Tableau answered HTTP 500 "
                    + "to list webhooks: error 500000 (Internal Server Error); trying again later, with backoff"));
            assertEquals(200, relay.post(Events.event(DRF, "EXTRACTS", "Superstore")).statusCode());
            await("a third attempt", () -> tableau.signIns() >= 3);
            // 200 ms, then 400 ms: each wait twice as long as the one before, not a tight loop
            List<Long> at = tableau.received(postRequestedFor(urlEqualTo(API + "/auth/signin"))).stream()
                    .map(request -> request.getLoggedDate().getTime()).toList();
            assertTrue(at.get(1) - at.get(0) >= 200, "first retry after " + (at.get(1) - at.get(0)) + " ms");
            assertTrue(at.get(2) - at.get(1) >= 400, "second retry after " + (at.get(2) - at.get(1)) + " ms");
            assertEquals(200, relay.post(Events.event(WRF, "EXTRACTS", "Sales")).statusCode());
        } finally {
            long start = System.nanoTime();
            relay.close();
            assertTrue(System.nanoTime() - start < 10_000_000_000L, "the relay did not stop promptly");
        }
        assertEquals(tableau.signIns(), tableau.signOuts(), "every failed run signed out");
        tableau.server.verify(0, postRequestedFor(urlEqualTo(SITES)));
        assertEquals("", tableau.unmatched());
        assertTrue(summaries().isEmpty());
    }

    @Test
    void unreachableServerIsLoggedWhileTheRelayServes() {
        String nowhere = "http://127.0.0.1:" + RunningRelay.freePort();
        try (RunningRelay relay = start("tableau.server-url", nowhere, "tableau.retry-delay", "200")) {
            await("a failure line", () -> log.contains("WARN Registration in Tableau failed: cannot reach Tableau at "
                    + nowhere + " to sign in with personal access token relay-admin"));
            assertEquals(200, relay.post(Events.event(DRF, "EXTRACTS", "Superstore")).statusCode());
        }
    }

    @Test
    void badCredentialsAreLoggedInOneLineWithoutTheSecret() {
        tableau.server.resetMappings();
        tableau.server.stubFor(TableauStandIn.signIn("marketing")
                .willReturn(error(401, "401001", "Signin Error")));

        try (RunningRelay relay = start()) {
            await("a failure line", () -> log.contains("WARN Registration in Tableau failed: Tableau answered HTTP 401 "
                    + "to sign in with personal access token relay-admin: error 401001 (Signin Error)"));
            assertEquals(200, relay.post(Events.event(DRF, "EXTRACTS", "Superstore")).statusCode());
        }
        assertEquals(0, tableau.signOuts(), "no session, nothing to sign out of");
    }

    @Test
    void conflictOnCreateMeansAnotherInstanceCreatedIt() {
        tableau.lists(TOKEN, ours(WRF));
        tableau.server.stubFor(post(urlEqualTo(SITES)).withHeader(AUTH, equalTo(TOKEN))
                .withRequestBody(equalToJson(createBody(DRF)))
                .willReturn(error(409, "409004", "Conflict")));

        try (RunningRelay relay = start()) {
            awaitSummary("created 0, updated 0, re-enabled 0, deleted 0, unchanged 2");
        }

        assertEquals(1, tableau.signIns(), "a conflict is no failure: no second attempt");
        tableau.server.verify(2, getRequestedFor(urlPathEqualTo(SITES)));
        assertSignedOutOnce(TOKEN);
    }

    @Test
    void duplicatesFromTwoInstancesAreReducedToTheOldest() {
        tableau.lists(TOKEN, ours(WRF),
                webhook("newer", "relay-" + DRF, DRF, DESTINATION, true, "", "2026-01-03T10:00:00Z"),
                webhook("older", "relay-" + DRF, DRF, DESTINATION, true, "", "2026-01-01T10:00:00Z"));
        tableau.deleteAccepted(TOKEN);

        try (RunningRelay relay = start("tableau.prune", "false")) {
            awaitSummary("created 0, updated 0, re-enabled 0, deleted 1, unchanged 2");
        }

        tableau.server.verify(1, deleteRequestedFor(urlEqualTo(SITES + "/newer")).withHeader(AUTH, equalTo(TOKEN)));
        tableau.server.verify(1, deleteRequestedFor(anyUrl()));
        assertSignedOutOnce(TOKEN);
    }

    @Test
    void testAfterChangeAsksTableauToTestEachNewWebhook() {
        tableau.lists(TOKEN, ours(WRF));
        tableau.createAccepted(TOKEN, DRF);
        tableau.server.stubFor(WireMock.get(urlEqualTo(SITES + "/new-" + DRF + "/test"))
                .withHeader(AUTH, equalTo(TOKEN))
                .willReturn(TableauStandIn.json(200,
                        "{\"webhookTestResult\": {\"id\": \"new-" + DRF + "\", \"status\": 200, \"body\": \"\"}}")));

        try (RunningRelay relay = start("tableau.test-after-change", "true")) {
            awaitSummary("created 1, updated 0, re-enabled 0, deleted 0, unchanged 1");
        }

        tableau.server.verify(1, getRequestedFor(urlEqualTo(SITES + "/new-" + DRF + "/test"))
                .withHeader(AUTH, equalTo(TOKEN)));
        tableau.server.verify(0, getRequestedFor(urlEqualTo(SITES + "/id-" + WRF + "/test")));
        assertTrue(log.contains("Tableau tested webhook relay-" + DRF + ": the relay answered 200"));
        assertSignedOutOnce(TOKEN);
    }

    @Test
    void emptyServerUrlTurnsRegistrationOffAndTheRelayServes() {
        try (RunningRelay relay = start("tableau.server-url", "")) {
            assertNull(relay.context().getRoute("register"));
            assertEquals(200, relay.post(Events.event(DRF, "EXTRACTS", "Superstore")).statusCode());
        }
        assertTrue(log.contains("INFO Registration in Tableau is off: tableau.server-url is empty"));
        assertEquals(0, tableau.server.getAllServeEvents().size());
    }

    @Test
    void publicUrlThatIsNotHttpsIsAcceptedWithAWarning() {
        tableau.lists(TOKEN);

        try (RunningRelay relay = start("relay.public-url", "http://relay.example.com", "tableau.events", "")) {
            awaitSummary("created 0, updated 0, re-enabled 0, deleted 0, unchanged 0");
        }

        assertTrue(log.contains("WARN relay.public-url is not https: Tableau will refuse to deliver events to "
                + "http://relay.example.com/webhooks/tableau"));
        assertSignedOutOnce(TOKEN);
    }

    private RunningRelay start(String... overrides) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("tableau.server-url", tableau.url());
        settings.put("tableau.site", "marketing");
        settings.put("tableau.api-version", "3.19");
        settings.put("tableau.pat-name", TableauStandIn.PAT_NAME);
        settings.put("tableau.pat-secret", PAT_SECRET);
        settings.put("tableau.username", "");
        settings.put("tableau.password", "");
        settings.put("relay.public-url", "https://relay.example.com/");
        settings.put("webhook.path", "/webhooks/tableau");
        settings.put("tableau.webhook-name-prefix", "relay");
        settings.put("tableau.events", DRF + ", " + WRF);
        settings.put("tableau.prune", "false");
        settings.put("tableau.test-after-change", "false");
        settings.put("tableau.reconcile-interval", "1h");
        settings.put("tableau.retry-delay", "30s");
        settings.put("tableau.item-links", "false");
        for (int i = 0; i < overrides.length; i += 2) {
            settings.put(overrides[i], overrides[i + 1]);
        }
        return RunningRelay.start(settings);
    }

    /** The first list call answers the first set of webhooks, the second the second, and so on; the last stays. */
    @SafeVarargs
    private void listsInTurn(List<String>... answers) {
        for (int i = 0; i < answers.length; i++) {
            tableau.server.stubFor(TableauStandIn.listCall(TOKEN, 1).inScenario("lists")
                    .whenScenarioStateIs(i == 0 ? STARTED : "list " + i)
                    .willSetStateTo("list " + Math.min(i + 1, answers.length - 1))
                    .willReturn(TableauStandIn.json(200, TableauStandIn.listAnswer(answers[i].toArray(String[]::new)))));
        }
    }

    private List<String> summaries() {
        return log.lines().stream().filter(line -> line.contains(SUMMARY)).toList();
    }

    private void awaitSummary(String counts) {
        await("the summary line", () -> !summaries().isEmpty());
        assertEquals(List.of("INFO " + SUMMARY + counts), summaries());
    }

    private void assertNoUpdatesOrDeletions() {
        tableau.server.verify(0, putRequestedFor(anyUrl()));
        tableau.server.verify(0, deleteRequestedFor(anyUrl()));
    }

    private void assertSignedOutOnce(String token) {
        tableau.server.verify(1, postRequestedFor(urlEqualTo(API + "/auth/signout")).withHeader(AUTH, equalTo(token)));
        assertEquals(1, tableau.signOuts());
        assertEquals("", tableau.unmatched());
    }

    private static void await(String what, Callable<Boolean> condition) {
        Awaitility.await(what).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .dontCatchUncaughtExceptions().until(condition);
    }
}
