package io.tableaurelay.admin;

import java.net.URI;
import java.util.Set;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admin requests that change something (any method but GET, HEAD and OPTIONS) cannot be forged by another web site
 * that makes an admin's browser post to the relay (replaying its basic credentials, or reaching an open management
 * port on the admin's own machine): such a request must carry {@value #HEADER} with any value, which a browser only
 * sends cross-site after a CORS preflight the relay never allows, and its {@code Origin}, when the browser sent one,
 * must be the relay's own. Otherwise it is refused with 403 and a short reason, before it does anything.
 */
final class CrossSiteGuard implements Handler<RoutingContext> {

    static final String HEADER = "X-Requested-By";
    private static final Logger LOG = LoggerFactory.getLogger(CrossSiteGuard.class);
    private static final int MAX_LOGGED = 100;
    private static final Set<HttpMethod> READING = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    @Override
    public void handle(RoutingContext request) {
        HttpServerRequest http = request.request();
        if (READING.contains(http.method())) {
            request.next();
            return;
        }
        String refusal = refusal(http);
        if (refusal == null) {
            request.next();
            return;
        }
        LOG.warn("Refused {} {} (Origin {}, sent to {}): {}", http.method(), http.path(),
                printable(http.getHeader("Origin")), http.authority(), refusal);
        request.response().setStatusCode(403).putHeader("Content-Type", "application/json")
                .end("{\"error\": \"" + refusal + "\"}");
    }

    /** Why the request may not change anything, or null when it may. */
    private static String refusal(HttpServerRequest http) {
        String requestedBy = http.getHeader(HEADER);
        if (requestedBy == null || requestedBy.isBlank()) {
            return "an admin request that changes something needs the header " + HEADER;
        }
        String origin = http.getHeader("Origin");
        if (origin != null && !sameOrigin(origin, http.authority())) {
            return "the request's Origin is not this relay";
        }
        return null;
    }

    /** Whether {@code origin} (scheme://host[:port]) names the host and port the request was sent to. */
    private static boolean sameOrigin(String origin, HostAndPort target) {
        if (target == null) {
            return false;
        }
        try {
            URI uri = URI.create(origin.trim());
            if (uri.getHost() == null || uri.getScheme() == null) {
                return false; // "null" (a sandboxed frame, a file) or nonsense
            }
            int defaultPort = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            return unbracketed(uri.getHost()).equalsIgnoreCase(unbracketed(target.host()))
                    && (uri.getPort() != -1 ? uri.getPort() : defaultPort)
                    == (target.port() != -1 ? target.port() : defaultPort);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A header as the log may print it: what the sender wrote, without control characters, at most 100 of them. */
    private static String printable(String header) {
        if (header == null) {
            return null;
        }
        String clean = header.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > MAX_LOGGED ? clean.substring(0, MAX_LOGGED) + "..." : clean;
    }

    private static String unbracketed(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
