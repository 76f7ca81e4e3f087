package io.tableaurelay.message.email;

import java.util.Optional;

import io.tableaurelay.message.DeliveryFailure;
import jakarta.mail.AuthenticationFailedException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/** An e-mail channel's failure: an SMTP reply (5xx refuses the message for good, 4xx says later) or a refused sign-in. */
public final class MailFailures {

    private MailFailures() {
    }

    public static Optional<DeliveryFailure> of(Throwable cause) {
        if (cause instanceof AuthenticationFailedException) {
            return Optional.of(DeliveryFailure.unsendable("the mail server refused the sign-in"));
        }
        if (cause instanceof SMTPSendFailedException smtp) {
            return Optional.of(smtp(smtp.getReturnCode()));
        }
        if (cause instanceof SMTPAddressFailedException smtp) {
            return Optional.of(smtp(smtp.getReturnCode()));
        }
        return Optional.empty();
    }

    private static DeliveryFailure smtp(int replyCode) {
        return new DeliveryFailure(0, 0, replyCode >= 500, "SMTP " + replyCode);
    }
}
