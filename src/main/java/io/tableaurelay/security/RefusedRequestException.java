package io.tableaurelay.security;

import io.tableaurelay.event.InvalidEventException;

/**
 * A request refused because of who sent it (no or a wrong token, an address or site that is not allowed),
 * whatever it carries. The message is one word or two and says nothing about what was expected.
 */
public class RefusedRequestException extends InvalidEventException {

    public RefusedRequestException(int status, String reason) {
        super(status, reason);
    }

    static RefusedRequestException unauthorized() {
        return new RefusedRequestException(401, "unauthorized");
    }

    static RefusedRequestException forbidden() {
        return new RefusedRequestException(403, "forbidden");
    }
}
