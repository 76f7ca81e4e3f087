package io.tableaurelay.delivery;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.twilio.exception.ApiException;
import io.tableaurelay.settings.RootCause;
import jakarta.mail.AuthenticationFailedException;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Why a send failed, as far as retrying is concerned: the HTTP status when there is one, how long the
 * channel asked us to wait (Retry-After), and a few words for the log. Never repeats a URL: the channels'
 * URLs carry keys and webhook secrets.
 *
 * @param status           the channel's HTTP status, or 0 when no answer came
 * @param retryAfterMillis how long the channel asked to wait, or 0
 * @param unsendable       the message itself cannot be made or sent (a template that does not render, a
 *                         malformed phone number), or the mail server refused it for good (an SMTP 5xx reply, a
 *                         refused sign-in): no attempt can succeed
 * @param description      "HTTP 500", "SMTP 451", "timed out", ...
 */
public record DeliveryFailure(int status, long retryAfterMillis, boolean unsendable, String description) {

    private static final Pattern SLACK_STATUS = Pattern.compile("code=(\\d{3})");
    private static final Pattern SLACK_RETRY_AFTER = Pattern.compile("(?i)retry-after=\\[(\\d+)]");
    private static final Pattern URL = Pattern.compile("https?://\\S+");

    /**
     * Whether trying again cannot help: the channel refused the message itself (400, 401, 403, 404 and the
     * like), or the message could not even be made (a broken template). Timeouts, 429 and 5xx are worth
     * another try.
     */
    public boolean isPermanent() {
        return unsendable || status >= 400 && status < 500 && status != 408 && status != 425 && status != 429;
    }

    public static DeliveryFailure of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpOperationFailedException http) {
                long retryAfter = Optional.ofNullable(http.getResponseHeaders())
                        .map(headers -> headers.entrySet().stream()
                                .filter(header -> header.getKey().equalsIgnoreCase("Retry-After"))
                                .map(header -> seconds(header.getValue()))
                                .findFirst().orElse(0L))
                        .orElse(0L);
                return new DeliveryFailure(http.getStatusCode(), retryAfter, false, "HTTP " + http.getStatusCode());
            }
            if (cause instanceof ApiException twilio && twilio.getStatusCode() != null) {
                return new DeliveryFailure(twilio.getStatusCode(), 0, false,
                        "HTTP " + twilio.getStatusCode() + " (Twilio error " + twilio.getCode() + ")");
            }
            if (cause instanceof AuthenticationFailedException) {
                return new DeliveryFailure(0, 0, true, "the mail server refused the sign-in");
            }
            if (cause instanceof SMTPSendFailedException smtp) {
                return smtp(smtp.getReturnCode());
            }
            if (cause instanceof SMTPAddressFailedException smtp) {
                return smtp(smtp.getReturnCode());
            }
            if (cause instanceof SocketTimeoutException) {
                return new DeliveryFailure(0, 0, false, "timed out");
            }
            if (cause instanceof IllegalArgumentException unsendable) {
                return new DeliveryFailure(0, 0, true, String.valueOf(unsendable.getMessage()));
            }
            if (cause instanceof ConnectException) {
                return new DeliveryFailure(0, 0, false, "could not connect");
            }
        }
        String message = String.valueOf(failure.getMessage());
        Matcher slackStatus = SLACK_STATUS.matcher(message);
        if (slackStatus.find()) {
            int status = Integer.parseInt(slackStatus.group(1));
            Matcher retryAfter = SLACK_RETRY_AFTER.matcher(message);
            return new DeliveryFailure(status, retryAfter.find() ? seconds(retryAfter.group(1)) : 0, false,
                    "HTTP " + status);
        }
        Throwable root = RootCause.of(failure);
        return new DeliveryFailure(0, 0, false,
                root.getClass().getSimpleName() + ": " + URL.matcher(String.valueOf(root.getMessage())).replaceAll("<url>"));
    }

    /** An SMTP reply: 5xx refuses the message for good, 4xx (or no code) says try again later. */
    private static DeliveryFailure smtp(int replyCode) {
        return new DeliveryFailure(0, 0, replyCode >= 500, "SMTP " + replyCode);
    }

    private static long seconds(String retryAfter) {
        try {
            return Long.parseLong(retryAfter.trim().toLowerCase(Locale.ROOT)) * 1000;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
