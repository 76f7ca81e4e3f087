package io.tableaurelay.admin;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The status page's three files (src/main/resources/status/): plain HTML, CSS and JavaScript that reads
 * {@code /admin/status} and {@code /admin/deliveries}; no build step.
 */
final class StatusPage {

    private static final Map<String, String> FILES = Map.of(
            "/status", "index.html",
            "/status/status.css", "status.css",
            "/status/status.js", "status.js");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8");

    private StatusPage() {
    }

    static void serve(Router router) {
        FILES.forEach((path, file) -> {
            Buffer content = read(file);
            String type = TYPES.get(file.substring(file.lastIndexOf('.') + 1));
            router.route(HttpMethod.GET, path).handler(request -> send(request, content, type));
        });
    }

    private static void send(RoutingContext request, Buffer content, String type) {
        request.response().putHeader("Content-Type", type).putHeader("Cache-Control", "no-store").end(content);
    }

    private static Buffer read(String file) {
        try (InputStream in = StatusPage.class.getResourceAsStream("/status/" + file)) {
            if (in == null) {
                throw new IllegalStateException("status/" + file + " is missing from the relay's resources");
            }
            return Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
