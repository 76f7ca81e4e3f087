package io.tableaurelay.action;

/** A request to Slack's interactivity URL that the relay refuses: its HTTP status and a short reason for the answer. */
public final class SlackRequestRefused extends RuntimeException {

    private final int status;

    SlackRequestRefused(int status, String reason) {
        super(reason);
        this.status = status;
    }

    public int getStatus() {
        return status;
    }
}
