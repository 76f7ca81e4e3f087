package io.tableaurelay.registration;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Tableau REST call that failed: the server could not be reached, or it answered with an error. The
 * message is one line with the call, the HTTP status and Tableau's error code and summary; it never holds a
 * credential or a session token.
 */
public final class TableauException extends RuntimeException {

    private final int status;
    private final String code;

    private TableauException(String message, int status, String code) {
        super(message);
        this.status = status;
        this.code = code;
    }

    static TableauException unreachable(String server, String action, Exception cause) {
        String reason = cause.getClass().getSimpleName();
        for (Throwable next = cause; next != null; next = next.getCause()) {
            if (next.getMessage() != null && !next.getMessage().isBlank()) {
                reason = next.getMessage();
                break;
            }
        }
        return new TableauException("cannot reach Tableau at " + server + " to " + action + ": " + reason, 0, "");
    }

    /** Not asked: Tableau failed a moment ago and is left alone for a while. */
    static TableauException paused(String server) {
        return new TableauException("Tableau at " + server + " failed a moment ago; not asked again yet", 0, "");
    }

    /** From Tableau's error answer {"error": {"code": …, "summary": …, "detail": …}} or any other body. */
    static TableauException answered(String action, int status, JsonNode body) {
        JsonNode error = body.path("error");
        String code = error.path("code").asText("");
        String summary = error.path("summary").asText("");
        StringBuilder message = new StringBuilder("Tableau answered HTTP ").append(status).append(" to ").append(action);
        if (!code.isEmpty() || !summary.isEmpty()) {
            message.append(": error ").append(code.isEmpty() ? "?" : code);
            if (!summary.isEmpty()) {
                message.append(" (").append(oneLine(summary)).append(')');
            }
        }
        return new TableauException(message.toString(), status, code);
    }

    /** The HTTP status, or 0 when Tableau could not be reached. */
    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** 401: the session token is no longer valid (expired, or ended by another sign-in with the same token). */
    boolean sessionEnded() {
        return status == 401;
    }

    private static String oneLine(String text) {
        String flat = text.replaceAll("\\s+", " ").trim();
        return flat.length() > 200 ? flat.substring(0, 200) + "…" : flat;
    }
}
