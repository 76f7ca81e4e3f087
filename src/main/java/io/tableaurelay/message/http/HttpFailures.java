package io.tableaurelay.message.http;

import java.util.Optional;

import io.tableaurelay.message.DeliveryFailure;
import org.apache.camel.http.base.HttpOperationFailedException;

/** An HTTP channel's failure: the receiver's status and its Retry-After. */
public final class HttpFailures {

    private HttpFailures() {
    }

    public static Optional<DeliveryFailure> of(Throwable cause) {
        if (!(cause instanceof HttpOperationFailedException http)) {
            return Optional.empty();
        }
        long retryAfter = Optional.ofNullable(http.getResponseHeaders())
                .flatMap(headers -> headers.entrySet().stream()
                        .filter(header -> header.getKey().equalsIgnoreCase("Retry-After"))
                        .map(header -> DeliveryFailure.seconds(header.getValue()))
                        .findFirst())
                .orElse(0L);
        return Optional.of(DeliveryFailure.http(http.getStatusCode(), retryAfter, "HTTP " + http.getStatusCode()));
    }
}
