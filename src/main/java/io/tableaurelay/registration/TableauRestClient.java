package io.tableaurelay.registration;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * Sends JSON calls to Tableau's REST API under {@code {tableau.server-url}/api/{tableau.api-version}} and
 * turns error answers into {@link TableauException}s. Knows nothing about sessions or webhooks.
 */
final class TableauRestClient {

    static final String AUTH_HEADER = "X-Tableau-Auth";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http;
    private final String serverUrl;
    private final String apiBase;
    private final Duration timeout;

    TableauRestClient(String serverUrl, String apiVersion) {
        this(serverUrl, apiVersion, TIMEOUT);
    }

    TableauRestClient(String serverUrl, String apiVersion, Duration timeout) {
        this.serverUrl = serverUrl;
        this.apiBase = serverUrl + "/api/" + apiVersion;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout.compareTo(CONNECT_TIMEOUT) < 0 ? timeout : CONNECT_TIMEOUT).build();
    }

    /** Tableau's address, tableau.server-url. */
    String serverUrl() {
        return serverUrl;
    }

    /**
     * @param action what the call does, in words, for error messages ("list webhooks")
     * @param path the path below /api/{version}
     * @param body the JSON body, or null
     * @param token the session token, or null for sign-in
     * @return the answer's JSON, or a missing node when the answer has no body (204)
     */
    JsonNode send(String action, String method, String path, JsonNode body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(apiBase + path))
                .timeout(timeout)
                .header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        if (token != null) {
            request.header(AUTH_HEADER, token);
        }
        HttpResponse<String> response = answer(action, request.build());
        JsonNode answer = parse(response.body());
        if (response.statusCode() >= 300) {
            throw TableauException.answered(action, response.statusCode(), answer);
        }
        return answer;
    }

    /** The whole answer, body included, within the timeout: a server that stalls mid-answer is given up on too. */
    private HttpResponse<String> answer(String action, HttpRequest request) {
        CompletableFuture<HttpResponse<String>> answer = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw TableauException.unreachable(serverUrl, action,
                    e.getCause() instanceof Exception cause ? cause : e);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw TableauException.unreachable(serverUrl, action,
                    new IOException("no answer within " + timeout.toSeconds() + " s"));
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw TableauException.unreachable(serverUrl, action, e);
        }
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }
}
