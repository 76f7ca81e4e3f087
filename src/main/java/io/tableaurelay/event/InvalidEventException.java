package io.tableaurelay.event;

/**
 * A request that is not a Tableau event, with the HTTP status to answer. The message is safe to show to the
 * sender: it never repeats the request.
 */
public class InvalidEventException extends RuntimeException {

    private final int status;

    public InvalidEventException(int status, String reason) {
        super(reason);
        this.status = status;
    }

    public InvalidEventException(String reason) {
        this(400, reason);
    }

    public int getStatus() {
        return status;
    }
}
