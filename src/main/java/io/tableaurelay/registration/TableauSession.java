package io.tableaurelay.registration;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A signed-in session on one Tableau site and the webhook calls made in it. A 401 (the session ended, for
 * example because another relay instance signed in with the same token) leads to one new sign-in and one
 * retry of the call. Closing the session signs out.
 */
final class TableauSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TableauSession.class);
    static final int PAGE_SIZE = 100;

    private final TableauRestClient client;
    private final TableauCredentials credentials;
    private final String contentUrl;
    private String token;
    private String siteId;

    private TableauSession(TableauRestClient client, TableauCredentials credentials, String contentUrl) {
        this.client = client;
        this.credentials = credentials;
        this.contentUrl = contentUrl;
    }

    static TableauSession signIn(TableauRestClient client, TableauCredentials credentials, String contentUrl) {
        TableauSession session = new TableauSession(client, credentials, contentUrl);
        session.signIn();
        return session;
    }

    private void signIn() {
        JsonNode answer = client.send("sign in with " + credentials, "POST", "/auth/signin",
                credentials.signInBody(contentUrl), null).path("credentials");
        token = answer.path("token").asText("");
        siteId = answer.path("site").path("id").asText("");
        if (token.isEmpty() || siteId.isEmpty()) {
            throw TableauException.answered("sign in (no token or site id in the answer)", 200, answer);
        }
    }

    /** Every webhook of the site, page after page. */
    List<Webhook> listWebhooks() {
        List<Webhook> webhooks = new ArrayList<>();
        for (int page = 1; ; page++) {
            JsonNode answer = call("list webhooks", "GET",
                    "/webhooks?pageSize=" + PAGE_SIZE + "&pageNumber=" + page, null);
            JsonNode items = answer.path("webhooks").path("webhook");
            int before = webhooks.size();
            if (items.isArray()) {
                items.forEach(item -> webhooks.add(Webhook.fromJson(item)));
            } else if (items.isObject()) {
                webhooks.add(Webhook.fromJson(items));
            }
            long total = answer.path("pagination").path("totalAvailable").asLong(0);
            if (webhooks.size() == before || webhooks.size() >= total) {
                return webhooks;
            }
        }
    }

    Webhook create(String name, String event, String url) {
        JsonNode answer = call("create webhook " + name, "POST", "/webhooks",
                Webhook.requestBody(name, event, url, false));
        return Webhook.fromJson(answer.path("webhook"));
    }

    void update(Webhook webhook, String event, String url) {
        call("update webhook " + webhook.name(), "PUT", "/webhooks/" + webhook.id(),
                Webhook.requestBody(webhook.name(), event, url, true));
    }

    void delete(Webhook webhook) {
        call("delete webhook " + webhook.name(), "DELETE", "/webhooks/" + webhook.id(), null);
    }

    /** Has Tableau send a test event to the webhook's destination; returns the status the destination answered. */
    String test(Webhook webhook) {
        JsonNode answer = call("test webhook " + webhook.name(), "GET", "/webhooks/" + webhook.id() + "/test", null);
        return answer.path("webhookTestResult").path("status").asText("?");
    }

    /** A workbook or data source ({@code collection} "workbooks" or "datasources") as Tableau describes it. */
    JsonNode item(String collection, String luid) {
        JsonNode answer = call("look up " + collection + " " + luid, "GET", "/" + collection + "/" + luid, null);
        return answer.path(collection.substring(0, collection.length() - 1));
    }

    /**
     * Failed extract refreshes of the site created between {@code from} and {@code to} (Query Jobs), with the item's
     * name as their title when the name can be put into Tableau's filter syntax (no comma or colon); each is
     * {@code {"id", "status", "createdAt", "endedAt", "jobType", "title", ...}}.
     */
    List<JsonNode> failedRefreshJobs(String itemName, Instant from, Instant to) {
        String filter = "jobType:eq:refresh_extracts,status:eq:Failed,createdAt:gte:" + from + ",createdAt:lte:" + to
                + (itemName == null || itemName.isEmpty() || itemName.contains(",") || itemName.contains(":")
                        ? "" : ",title:eq:" + itemName);
        JsonNode answer = call("list failed refresh jobs", "GET", "/jobs?pageSize=" + PAGE_SIZE + "&filter="
                + URLEncoder.encode(filter, StandardCharsets.UTF_8), null);
        JsonNode jobs = answer.path("backgroundJobs").path("backgroundJob");
        List<JsonNode> found = new ArrayList<>();
        if (jobs.isArray()) {
            jobs.forEach(found::add);
        } else if (jobs.isObject()) {
            found.add(jobs);
        }
        return found;
    }

    /** One job's details (Query Job): for an extract refresh, {@code extractRefreshJob} with the item and notes. */
    JsonNode job(String jobId) {
        return call("query job " + jobId, "GET", "/jobs/" + jobId, null).path("job");
    }

    /** Runs an extract refresh of a workbook or data source now ("update now"); the id of the job Tableau started. */
    String refresh(String collection, String luid) {
        JsonNode answer = call("refresh " + collection + " " + luid, "POST", "/" + collection + "/" + luid + "/refresh",
                JsonNodeFactory.instance.objectNode());
        return answer.path("job").path("id").asText("");
    }

    /** The LUID of the site this session is signed in to. */
    String siteId() {
        return siteId;
    }

    private JsonNode call(String action, String method, String sitePath, JsonNode body) {
        String path = "/sites/" + siteId + sitePath;
        try {
            return client.send(action, method, path, body, token);
        } catch (TableauException e) {
            if (!e.sessionEnded()) {
                throw e;
            }
            LOG.info("Tableau ended the session during {}; signing in again", action);
            signIn();
            return client.send(action, method, "/sites/" + siteId + sitePath, body, token);
        }
    }

    /** Signs out; a failure here is only logged, as the session ends on its own anyway. */
    @Override
    public void close() {
        try {
            client.send("sign out", "POST", "/auth/signout", null, token);
        } catch (TableauException e) {
            LOG.warn("Could not sign out of Tableau: {}", e.getMessage());
        }
    }
}
