package io.tableaurelay.message.slack;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tableaurelay.message.DeliveryFailure;

/** A Slack channel's failure: camel-slack reports Slack's status and Retry-After only in its message's words. */
public final class SlackFailures {

    private static final Pattern STATUS = Pattern.compile("code=(\\d{3})");
    private static final Pattern RETRY_AFTER = Pattern.compile("(?i)retry-after=\\[(\\d+)]");

    private SlackFailures() {
    }

    public static Optional<DeliveryFailure> of(Throwable failure) {
        String message = String.valueOf(failure.getMessage());
        Matcher status = STATUS.matcher(message);
        if (!status.find()) {
            return Optional.empty();
        }
        Matcher retryAfter = RETRY_AFTER.matcher(message);
        int code = Integer.parseInt(status.group(1));
        return Optional.of(DeliveryFailure.http(code, retryAfter.find() ? DeliveryFailure.seconds(retryAfter.group(1)) : 0,
                "HTTP " + code));
    }
}
