package io.tableaurelay.registration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A WireMock stand-in for Tableau's REST API (JSON, version 3.19) on 127.0.0.1 and a free port. Its stubs
 * only answer calls that carry the expected sign-in body or {@code X-Tableau-Auth} token; anything else gets
 * WireMock's 404 and shows up in {@link #unmatched()}.
 *
 * <p>Its answers follow what Tableau published (src/test/resources/real-tableau, and shared/reference/real-tableau
 * for the rest): a webhook list carries no {@code pagination} block (the schema leaves webhooks out of paginated
 * answers); a listed webhook has both the {@code event} attribute and the older {@code webhook-source} element,
 * and {@code isEnabled} as a JSON boolean; an error is {@code {"error": {"summary", "detail", "code"}}} with the
 * code as a string; an update that sends a {@code statusChangeReason} with {@code isEnabled=true} is refused with
 * 400127; and a create is accepted whatever the name, as Tableau does not refuse duplicate names.
 */
public final class TableauStandIn implements AutoCloseable {

    public static final String API = "/api/3.19";
    public static final String SITE_ID = "6f1c2e0a-site-luid";
    static final String SITES = API + "/sites/" + SITE_ID + "/webhooks";
    public static final String TOKEN = "session-token-4711";
    public static final String PAT_NAME = "relay-admin";
    public static final String PAT_SECRET = "pat-secret-0xDEADBEEF";
    static final String DESTINATION = "https://relay.example.com/webhooks/tableau";
    static final String AUTH = "X-Tableau-Auth";

    final WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

    public TableauStandIn() {
        server.start();
    }

    /** A Tableau that signs the relay in to the site (contentUrl) with {@code token} and out again. */
    public static TableauStandIn signingIn(String contentUrl, String token) {
        TableauStandIn tableau = new TableauStandIn();
        tableau.signInGives(contentUrl, token);
        tableau.signOutAccepted(token);
        return tableau;
    }

    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Sign-in with the test token for this site (contentUrl) answers with {@code token}. */
    public void signInGives(String contentUrl, String token) {
        server.stubFor(signIn(contentUrl).willReturn(signedIn(token)));
    }

    static MappingBuilder signIn(String contentUrl) {
        return post(urlEqualTo(API + "/auth/signin"))
                .withHeader("Accept", equalTo("application/json"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson(patSignInBody(contentUrl)));
    }

    static String patSignInBody(String contentUrl) {
        return """
                {"credentials": {"personalAccessTokenName": "%s", "personalAccessTokenSecret": "%s",
                                 "site": {"contentUrl": "%s"}}}""".formatted(PAT_NAME, PAT_SECRET, contentUrl);
    }

    static ResponseDefinitionBuilder signedIn(String token) {
        return json(200, """
                {"credentials": {"token": "%s", "site": {"id": "%s", "contentUrl": "marketing"},
                                 "user": {"id": "user-luid"}, "estimatedTimeToExpiration": "361:59:59"}}"""
                .formatted(token, SITE_ID));
    }

    public void signOutAccepted(String token) {
        server.stubFor(post(urlEqualTo(API + "/auth/signout")).withHeader(AUTH, equalTo(token))
                .willReturn(aResponse().withStatus(204)));
    }

    /** The site's webhooks, as Tableau lists them: all in one answer, without a pagination block. */
    void lists(String token, String... webhooks) {
        server.stubFor(listCall(token, 1).willReturn(json(200, listAnswer(webhooks))));
    }

    /** One page of a list that a server splits into pages, with a pagination block. */
    void listsPage(String token, int page, int totalAvailable, String... webhooks) {
        server.stubFor(listCall(token, page).willReturn(json(200, listAnswer(page, totalAvailable, webhooks))));
    }

    static MappingBuilder listCall(String token, int page) {
        return get(urlPathEqualTo(SITES))
                .withQueryParam("pageNumber", equalTo(String.valueOf(page)))
                .withQueryParam("pageSize", equalTo("100"))
                .withHeader(AUTH, equalTo(token))
                .withHeader("Accept", equalTo("application/json"));
    }

    static String listAnswer(String... webhooks) {
        return "{\"webhooks\": {\"webhook\": [" + String.join(",", webhooks) + "]}}";
    }

    static String listAnswer(int page, int totalAvailable, String... webhooks) {
        return """
                {"pagination": {"pageNumber": "%d", "pageSize": "100", "totalAvailable": "%d"},
                 "webhooks": {"webhook": [%s]}}""".formatted(page, totalAvailable, String.join(",", webhooks));
    }

    /** Create answers 201 with the webhook, given the id {@code new-{event}}. */
    void createAccepted(String token, String event) {
        server.stubFor(post(urlEqualTo(SITES)).withHeader(AUTH, equalTo(token))
                .withRequestBody(equalToJson(createBody(event)))
                .willReturn(json(201, "{\"webhook\": " + webhook("new-" + event, "relay-" + event, event,
                        DESTINATION, true, "") + "}")));
    }

    /** Updates are accepted, except one that gives a reason together with isEnabled=true: 400127, as Tableau. */
    void updateAccepted(String token) {
        server.stubFor(put(urlPathMatching(SITES + "/[^/]+")).withHeader(AUTH, equalTo(token))
                .willReturn(json(200, "{\"webhook\": {}}")));
        server.stubFor(put(urlPathMatching(SITES + "/[^/]+")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.webhook.statusChangeReason"))
                .withRequestBody(matchingJsonPath("$.webhook[?(@.isEnabled == true || @.isEnabled == 'true')]"))
                .willReturn(error(400, "400127", "Bad Request")));
    }

    void deleteAccepted(String token) {
        server.stubFor(delete(urlPathMatching(SITES + "/[^/]+")).withHeader(AUTH, equalTo(token))
                .willReturn(aResponse().withStatus(204)));
    }

    /** The body the relay must send to create the webhook for an event. */
    static String createBody(String event) {
        return """
                {"webhook": {"name": "relay-%s", "event": "%s",
                             "webhook-destination": {"webhook-destination-http": {"method": "POST", "url": "%s"}}}}"""
                .formatted(event, event, DESTINATION);
    }

    /** The body the relay must send to update (and enable) a webhook: never a statusChangeReason. */
    static String updateBody(String name, String event) {
        return """
                {"webhook": {"name": "%s", "event": "%s", "isEnabled": true,
                             "webhook-destination": {"webhook-destination-http": {"method": "POST", "url": "%s"}}}}"""
                .formatted(name, event, DESTINATION);
    }

    /** A webhook as Tableau lists it. */
    static String webhook(String id, String name, String event, String url, boolean enabled, String reason) {
        return webhook(id, name, event, url, enabled, reason, "2026-01-02T10:00:00Z");
    }

    static String webhook(String id, String name, String event, String url, boolean enabled, String reason,
            String createdAt) {
        return """
                {"webhook-source": {"%s": {}},
                 "webhook-destination": {"webhook-destination-http": {"method": "POST", "url": "%s"}},
                 "owner": {"id": "owner-luid", "name": "admin"},
                 "id": "%s", "name": "%s", "event": "%s", "isEnabled": %s, "statusChangeReason": "%s",
                 "createdAt": "%s", "updatedAt": "2026-01-05T10:00:00Z"}"""
                .formatted(sourceElement(event), url, id, name, event, enabled, reason, createdAt);
    }

    /** The older name of an event: DatasourceRefreshFailed is webhook-source-event-datasource-refresh-failed. */
    private static String sourceElement(String event) {
        return "webhook-source-event-" + event.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    static String ours(String event) {
        return webhook("id-" + event, "relay-" + event, event, DESTINATION, true, "");
    }

    /**
     * A workbook or data source ({@code collection} "workbooks" or "datasources") whose LUID matches {@code luidRegex}
     * is in {@code project}, with a page and an owner, for the session of {@code TOKEN}.
     */
    public void itemsIn(String collection, String luidRegex, String project) {
        String singular = collection.substring(0, collection.length() - 1);
        server.stubFor(get(urlPathMatching(API + "/sites/" + SITE_ID + "/" + collection + "/" + luidRegex))
                .withHeader(AUTH, equalTo(TOKEN))
                .willReturn(json(200, """
                        {"%s": {"id": "x", "webpageUrl": "https://tableau.example.com/#/%s/x",
                                "project": {"id": "p-1", "name": "%s"}, "owner": {"id": "u-1", "name": "ana"}}}"""
                        .formatted(singular, collection, project))));
    }

    /**
     * Query Jobs narrowed to failed extract refreshes: these background jobs, for the session of {@code TOKEN}. The
     * shape is tsc's job_get.xml (shared/reference/real-tableau) in JSON, with the {@code title} (the item's name)
     * and {@code subtitle} that Tableau's reference lists among a job's fields.
     */
    public MappingBuilder failedRefreshesCall() {
        return get(urlPathEqualTo(API + "/sites/" + SITE_ID + "/jobs")).withHeader(AUTH, equalTo(TOKEN))
                .withQueryParam("filter", containing("jobType:eq:refresh_extracts,status:eq:Failed"));
    }

    public void listsFailedRefreshes(String... backgroundJobs) {
        server.stubFor(failedRefreshesCall().willReturn(json(200, failedRefreshesAnswer(backgroundJobs))));
    }

    static String failedRefreshesAnswer(String... backgroundJobs) {
        return """
                {"pagination": {"pageNumber": "1", "pageSize": "100", "totalAvailable": "%d"},
                 "backgroundJobs": {"backgroundJob": [%s]}}""".formatted(backgroundJobs.length,
                String.join(",", backgroundJobs));
    }

    public static String backgroundJob(String id, String createdAt, String title) {
        return """
                {"id": "%s", "status": "Failed", "createdAt": "%s", "startedAt": "%s", "endedAt": "%s",
                 "priority": "50", "jobType": "refresh_extracts", "title": "%s", "subtitle": "Workbook"}"""
                .formatted(id, createdAt, createdAt, createdAt, title);
    }

    /**
     * Query Job: a failed extract refresh of a workbook or data source ({@code itemKind}), whose notes hold Tableau's
     * error text; tsc's job_get_by_id_failed_workbook.xml in JSON.
     */
    public void failedRefreshJob(String jobId, String itemKind, String itemLuid, String notes) {
        server.stubFor(get(urlEqualTo(API + "/sites/" + SITE_ID + "/jobs/" + jobId)).withHeader(AUTH, equalTo(TOKEN))
                .willReturn(json(200, """
                        {"job": {"id": "%s", "mode": "Asynchronous", "type": "RefreshExtract", "progress": "100",
                                 "createdAt": "2026-11-29T17:10:00Z", "startedAt": "2026-11-29T17:10:02Z",
                                 "completedAt": "2026-11-29T17:14:40Z", "finishCode": "1",
                                 "extractRefreshJob": {"%s": {"id": "%s", "name": "Superstore"}, "notes": "%s"}}}"""
                        .formatted(jobId, itemKind, itemLuid, notes))));
    }

    /**
     * "Update now" of a workbook or data source ({@code collection}) starts job {@code jobId}: the answer of tsc's
     * workbook_refresh.xml and datasource_refresh.xml, in JSON.
     */
    public void refreshStarts(String collection, String luid, String jobId) {
        String singular = collection.substring(0, collection.length() - 1);
        server.stubFor(refreshCall(collection, luid).willReturn(json(200, """
                {"job": {"id": "%s", "mode": "Asynchronous", "type": "RefreshExtract",
                         "createdAt": "2026-11-29T17:20:00Z",
                         "extractRefreshJob": {"%s": {"id": "%s", "name": "Superstore"}}}}"""
                .formatted(jobId, singular, luid))));
    }

    /** "Update now" is refused with Tableau's error answer. */
    public void refreshRefused(String collection, String luid, int status, String code, String summary) {
        server.stubFor(refreshCall(collection, luid).willReturn(error(status, code, summary)));
    }

    private static MappingBuilder refreshCall(String collection, String luid) {
        return post(urlEqualTo(API + "/sites/" + SITE_ID + "/" + collection + "/" + luid + "/refresh"))
                .withHeader(AUTH, equalTo(TOKEN)).withRequestBody(equalToJson("{}"));
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** An error answer in Tableau's JSON form: summary, detail, and the code as a string. */
    static ResponseDefinitionBuilder error(int status, String code, String summary) {
        return json(status, """
                {"error": {"summary": "%s", "detail": "details for %s", "code": "%s"}}"""
                .formatted(summary, code, code));
    }

    /** An error answer that users saw from a real Tableau, from src/test/resources/real-tableau/rest. */
    static ResponseDefinitionBuilder reportedError(int status, String file) {
        InputStream sample = TableauStandIn.class.getResourceAsStream("/real-tableau/rest/" + file);
        if (sample == null) {
            throw new IllegalStateException("no sample " + file);
        }
        try (sample) {
            return json(status, new String(sample.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the sample " + file, e);
        }
    }

    List<LoggedRequest> received(RequestPatternBuilder pattern) {
        return server.findAll(pattern);
    }

    int signOuts() {
        return received(postRequestedFor(urlEqualTo(API + "/auth/signout"))).size();
    }

    int signIns() {
        return received(postRequestedFor(urlEqualTo(API + "/auth/signin"))).size();
    }

    /** Requests that no stub matched (wrong token, wrong body, unexpected call), one per line. */
    String unmatched() {
        return server.findAllUnmatchedRequests().stream()
                .map(request -> request.getMethod() + " " + request.getUrl() + " " + request.getBodyAsString())
                .collect(Collectors.joining("\n"));
    }

    @Override
    public void close() {
        server.stop();
    }
}
