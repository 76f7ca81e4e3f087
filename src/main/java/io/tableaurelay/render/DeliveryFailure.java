package io.tableaurelay.render;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.twilio.exception.ApiException;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;

/**
 * Says in a few words why a send failed ("HTTP 500", "timed out"), for the log. Never repeats a URL: the
 * channels' URLs carry keys and webhook secrets.
 */
public class DeliveryFailure {

    private static final Pattern SLACK_STATUS = Pattern.compile("code=(\\d{3})");
    private static final Pattern URL = Pattern.compile("https?://\\S+");

    public String describe(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return failure == null ? "unknown error" : describe(failure);
    }

    static String describe(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpOperationFailedException http) {
                return "HTTP " + http.getStatusCode();
            }
            if (cause instanceof ApiException twilio && twilio.getStatusCode() != null) {
                return "HTTP " + twilio.getStatusCode() + " (Twilio error " + twilio.getCode() + ")";
            }
            if (cause instanceof SocketTimeoutException) {
                return "timed out";
            }
            if (cause instanceof ConnectException) {
                return "could not connect";
            }
        }
        String message = String.valueOf(failure.getMessage());
        Matcher slackStatus = SLACK_STATUS.matcher(message);
        if (slackStatus.find()) {
            return "HTTP " + slackStatus.group(1);
        }
        return failure.getClass().getSimpleName() + ": " + URL.matcher(message).replaceAll("<url>");
    }
}
