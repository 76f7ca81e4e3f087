package io.tableaurelay.delivery;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import io.tableaurelay.event.HeaderNames;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What happens after a failed send: another attempt later (1 s, 2 s, 4 s, ... up to the cap, ±20%, never before
 * the channel's Retry-After), or the dead-letter queue. {@code decide} reads and writes an exchange's headers, so
 * these tests make one, in a Camel context that is never started.
 */
class RetryPolicyTest {

    private static final long INITIAL = 1_000;
    private static final long MAX = 60_000;
    private final RetryPolicy policy = new RetryPolicy(3, INITIAL, MAX);

    @ParameterizedTest(name = "attempt {0}: about {1} ms")
    @CsvSource({"1, 1000", "2, 2000", "3, 4000", "6, 32000", "7, 60000", "1000, 60000"})
    void delaysDoubleUpToTheCapAndSpreadByAFifth(int attempt, long base) {
        long[] delays = LongStream.generate(() -> policy.delayAfter(attempt)).limit(200).toArray();

        assertTrue(LongStream.of(delays).allMatch(delay -> delay >= base * 0.8 && delay <= Math.min(MAX, base * 1.2)),
                () -> "outside " + base + " ± 20%: " + LongStream.of(delays).summaryStatistics());
        assertTrue(LongStream.of(delays).distinct().count() > 1, "the delays spread");
    }

    static Stream<Arguments> decisions() {
        return Stream.of(
                Arguments.of(http(503, Map.of()), 0, false, "HTTP 503"),
                Arguments.of(new SocketTimeoutException("Read timed out"), 1, false, "timed out"),
                Arguments.of(http(503, Map.of()), 2, true, "HTTP 503"),
                Arguments.of(http(400, Map.of()), 0, true, "HTTP 400"),
                Arguments.of(new IllegalArgumentException("the template did not render"), 0, true,
                        "the template did not render"));
    }

    @ParameterizedTest(name = "{3} after {1} attempts: give up {2}")
    @MethodSource
    void decisions(Exception failure, int attemptsBefore, boolean givesUp, String lastError) {
        Message message = decide(failure, attemptsBefore);

        assertEquals(attemptsBefore + 1, message.getHeader(HeaderNames.ATTEMPT));
        assertEquals(givesUp, message.getHeader(HeaderNames.GIVE_UP));
        assertEquals(lastError, message.getHeader(HeaderNames.LAST_ERROR));
        assertEquals(givesUp, message.getHeader(HeaderNames.SCHEDULED_DELIVERY) == null, "scheduled only to retry");
    }

    @Test
    void aRetryIsScheduledAfterItsDelay() {
        long before = System.currentTimeMillis();
        Message message = decide(http(500, Map.of()), 1);
        long after = System.currentTimeMillis();

        long due = message.getHeader(HeaderNames.SCHEDULED_DELIVERY, Long.class);
        assertTrue(due >= before + 1_600 && due <= after + 2_400, "second retry in 2 s ± 20%: " + (due - before));
        Duration retryIn = Duration.parse("PT" + message.getHeader(HeaderNames.RETRY_IN, String.class)
                .toUpperCase(Locale.ROOT));
        assertTrue(retryIn.toMillis() >= 1_600 && retryIn.toMillis() <= 2_400, retryIn.toString());
    }

    @Test
    void aChannelsRetryAfterIsWaitedEvenPastTheBackoff() {
        Message message = decide(http(429, Map.of("Retry-After", "120")), 0);

        assertFalse(message.getHeader(HeaderNames.GIVE_UP, Boolean.class));
        assertEquals("2m", message.getHeader(HeaderNames.RETRY_IN));
        assertTrue(message.getHeader(HeaderNames.SCHEDULED_DELIVERY, Long.class) >= System.currentTimeMillis() + 119_000);
    }

    @Test
    void oneAttemptAtLeast() {
        assertEquals("Setting delivery.max-attempts must be at least 1",
                assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(0, INITIAL, MAX)).getMessage());
        assertEquals(1, new RetryPolicy(1, INITIAL, MAX).maxAttempts());
        assertNull(decideWith(new RetryPolicy(1, INITIAL, MAX), http(503, Map.of()), 0)
                .getHeader(HeaderNames.RETRY_IN), "one attempt: no retry");
    }

    private Message decide(Exception failure, int attemptsBefore) {
        return decideWith(policy, failure, attemptsBefore);
    }

    private static Message decideWith(RetryPolicy policy, Exception failure, int attemptsBefore) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, failure);
        if (attemptsBefore > 0) {
            exchange.getMessage().setHeader(HeaderNames.ATTEMPT, attemptsBefore);
        }
        policy.decide(exchange);
        return exchange.getMessage();
    }

    private static HttpOperationFailedException http(int status, Map<String, String> headers) {
        return new HttpOperationFailedException("https://maker.ifttt.com/trigger/x/with/key/k", status, "status",
                null, headers, "");
    }
}
