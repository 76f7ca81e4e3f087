package io.tableaurelay.channel;

/** A channel file that cannot work as written; the message names the file and the parameter or setting. */
public class InvalidChannelException extends IllegalArgumentException {

    InvalidChannelException(String file, String problem) {
        super(file + ": " + problem);
    }
}
