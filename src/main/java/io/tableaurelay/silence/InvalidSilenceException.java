package io.tableaurelay.silence;

/** A silence the admin API cannot take, with the reason it answers 400 with. */
public class InvalidSilenceException extends RuntimeException {

    public InvalidSilenceException(String reason) {
        super(reason);
    }
}
