package io.tableaurelay.message.sms;

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;

/**
 * The Twilio SDK always calls https://api.twilio.com. This client sends its requests to the configured
 * {@code twilio.api-url} instead, so that a Twilio-compatible endpoint or a test stand-in can be used.
 */
final class TwilioApiUrlClient extends NetworkHttpClient {

    private static final String TWILIO_API = "https://api.twilio.com";

    private final String apiUrl;

    TwilioApiUrlClient(String apiUrl) {
        this.apiUrl = apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
    }

    @Override
    public Response makeRequest(Request request) {
        if (apiUrl.equals(TWILIO_API) || !request.getUrl().startsWith(TWILIO_API)) {
            return super.makeRequest(request);
        }
        return super.makeRequest(redirected(request));
    }

    private Request redirected(Request original) {
        Request copy = new Request(original.getMethod(), apiUrl + original.getUrl().substring(TWILIO_API.length()));
        copyParams(original.getQueryParams(), copy::addQueryParam);
        copyParams(original.getPostParams(), copy::addPostParam);
        copyParams(original.getHeaderParams(), copy::addHeaderParam);
        copy.setContentType(original.getContentType());
        copy.setBody(original.getBody());
        copy.setUserAgentExtensions(original.getUserAgentExtensions());
        if (original.getAuthStrategy() != null) {
            copy.setAuth(original.getAuthStrategy());
        } else if (original.getUsername() != null) {
            copy.setAuth(original.getUsername(), original.getPassword());
        }
        return copy;
    }

    private static void copyParams(Map<String, List<String>> params, BiConsumer<String, String> add) {
        params.forEach((name, values) -> values.forEach(value -> add.accept(name, value)));
    }
}
