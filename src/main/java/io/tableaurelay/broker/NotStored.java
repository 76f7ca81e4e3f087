package io.tableaurelay.broker;

/** The broker did not confirm that it stored an event: the receive route answers 503, and Tableau sends it again. */
public final class NotStored extends RuntimeException {

    public NotStored(String reason) {
        super(reason, null, false, false);
    }

    public NotStored(String reason, Throwable cause) {
        super(reason + ": " + cause.getMessage(), cause, false, false);
    }
}
