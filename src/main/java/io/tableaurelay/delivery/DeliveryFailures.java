package io.tableaurelay.delivery;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.tableaurelay.message.DeliveryFailure;
import io.tableaurelay.message.email.MailFailures;
import io.tableaurelay.message.http.HttpFailures;
import io.tableaurelay.message.slack.SlackFailures;
import io.tableaurelay.message.sms.TwilioFailures;

/** Why a send failed, as the kind of message that failed says: the first of its causes that a kind knows. */
public final class DeliveryFailures {

    private static final List<Function<Throwable, Optional<DeliveryFailure>>> KINDS = List.of(HttpFailures::of,
            TwilioFailures::of, MailFailures::of, DeliveryFailure::common);

    private DeliveryFailures() {
    }

    public static DeliveryFailure of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            for (Function<Throwable, Optional<DeliveryFailure>> kind : KINDS) {
                Optional<DeliveryFailure> known = kind.apply(cause);
                if (known.isPresent()) {
                    return known.get();
                }
            }
        }
        return SlackFailures.of(failure).orElseGet(() -> DeliveryFailure.unknown(failure));
    }
}
