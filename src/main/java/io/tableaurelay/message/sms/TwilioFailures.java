package io.tableaurelay.message.sms;

import java.util.Optional;

import com.twilio.exception.ApiException;
import io.tableaurelay.message.DeliveryFailure;

/** An SMS channel's failure: Twilio's HTTP status and error code. */
public final class TwilioFailures {

    private TwilioFailures() {
    }

    public static Optional<DeliveryFailure> of(Throwable cause) {
        if (cause instanceof ApiException twilio && twilio.getStatusCode() != null) {
            return Optional.of(DeliveryFailure.http(twilio.getStatusCode(), 0,
                    "HTTP " + twilio.getStatusCode() + " (Twilio error " + twilio.getCode() + ")"));
        }
        return Optional.empty();
    }
}
