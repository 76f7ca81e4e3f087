package io.tableaurelay.message;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import io.tableaurelay.settings.RootCause;

/**
 * Why a send failed, as far as retrying is concerned: the HTTP status when there is one, how long the
 * channel asked us to wait (Retry-After), and a few words for the log. Never repeats a URL: the channels'
 * URLs carry keys and webhook secrets. Each kind of message knows its own failures (message.http, message.sms,
 * message.email, message.slack); these are the ones any send can have.
 *
 * @param status           the channel's HTTP status, or 0 when no answer came
 * @param retryAfterMillis how long the channel asked to wait, or 0
 * @param unsendable       the message itself cannot be made or sent (a template that does not render, a
 *                         malformed phone number), or the mail server refused it for good (an SMTP 5xx reply, a
 *                         refused sign-in): no attempt can succeed
 * @param description      "HTTP 500", "SMTP 451", "timed out", ...
 */
public record DeliveryFailure(int status, long retryAfterMillis, boolean unsendable, String description) {

    private static final Pattern URL = Pattern.compile("https?://\\S+");

    /**
     * Whether trying again cannot help: the channel refused the message itself (400, 401, 403, 404 and the
     * like), or the message could not even be made (a broken template). Timeouts, 429 and 5xx are worth
     * another try.
     */
    public boolean isPermanent() {
        return unsendable || status >= 400 && status < 500 && status != 408 && status != 425 && status != 429;
    }

    /** An answer with an HTTP status. */
    public static DeliveryFailure http(int status, long retryAfterMillis, String description) {
        return new DeliveryFailure(status, retryAfterMillis, false, description);
    }

    /** No attempt can succeed. */
    public static DeliveryFailure unsendable(String description) {
        return new DeliveryFailure(0, 0, true, description);
    }

    /** No answer; another attempt may get one. */
    public static DeliveryFailure noAnswer(String description) {
        return new DeliveryFailure(0, 0, false, description);
    }

    /** What any send can fail with: a timeout, a refused connection, a message that cannot be made. */
    public static Optional<DeliveryFailure> common(Throwable cause) {
        if (cause instanceof SocketTimeoutException) {
            return Optional.of(noAnswer("timed out"));
        }
        if (cause instanceof IllegalArgumentException unsendable) {
            return Optional.of(unsendable(String.valueOf(unsendable.getMessage())));
        }
        if (cause instanceof ConnectException) {
            return Optional.of(noAnswer("could not connect"));
        }
        return Optional.empty();
    }

    /** A failure no kind knows: its innermost cause, addresses left out. */
    public static DeliveryFailure unknown(Throwable failure) {
        Throwable root = RootCause.of(failure);
        return noAnswer(root.getClass().getSimpleName() + ": "
                + URL.matcher(String.valueOf(root.getMessage())).replaceAll("<url>"));
    }

    /** A Retry-After in seconds, as milliseconds; 0 when it is not a number of seconds. */
    public static long seconds(String retryAfter) {
        try {
            return Long.parseLong(retryAfter.trim().toLowerCase(Locale.ROOT)) * 1000;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
