package io.tableaurelay.channel;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The extra HTTP headers a channel sends (forward.headers), written {@code Name: value; Name: value}:
 * {@code Authorization: Bearer abc123; X-Source: tableau}.
 */
public final class RequestHeaders {

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private RequestHeaders() {
    }

    /** The headers by name, in the order written; refuses a pair without a name or a colon. */
    public static Map<String, String> parse(String text) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String pair : text.split(";")) {
            if (pair.isBlank()) {
                continue;
            }
            int colon = pair.indexOf(':');
            String name = colon < 0 ? "" : pair.substring(0, colon).trim();
            if (!TOKEN.matcher(name).matches()) {
                throw new IllegalArgumentException("headers are written Name: value; Name: value");
            }
            headers.put(name, pair.substring(colon + 1).trim());
        }
        return headers;
    }
}
