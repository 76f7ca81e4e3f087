package io.tableaurelay.delivery;

import java.lang.reflect.InvocationTargetException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.Map;

import com.twilio.exception.ApiException;
import io.tableaurelay.message.DeliveryFailure;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which failures are worth another attempt, and what the log says of them. */
class DeliveryFailureTest {

    @Test
    void aRefusalCannotSucceedOnRetry() {
        DeliveryFailure failure = DeliveryFailures.of(http(400, Map.of()));
        assertTrue(failure.isPermanent());
        assertEquals("HTTP 400", failure.description());
        assertTrue(DeliveryFailures.of(http(404, Map.of())).isPermanent());
    }

    @Test
    void rateLimitsAndServerErrorsAreRetriedAfterRetryAfter() {
        DeliveryFailure limited = DeliveryFailures.of(http(429, Map.of("retry-after", "2")));
        assertFalse(limited.isPermanent());
        assertEquals(2_000, limited.retryAfterMillis());
        assertFalse(DeliveryFailures.of(http(503, Map.of())).isPermanent());
        assertFalse(DeliveryFailures.of(new RuntimeCamelException(new SocketTimeoutException("Read timed out")))
                .isPermanent());
    }

    @Test
    void aMessageThatCannotBeMadeIsNotRetried() {
        DeliveryFailure failure = DeliveryFailures.of(new RuntimeCamelException(
                new IllegalArgumentException("the Slack template did not render to valid JSON")));
        assertTrue(failure.isPermanent());
        assertEquals("the Slack template did not render to valid JSON", failure.description());
    }

    @Test
    void twilioFailuresAreReadThroughTheReflectionWrapper() {
        ApiException twilio = new ApiException("Authenticate", 20003, null, 401, null);
        DeliveryFailure failure = DeliveryFailures.of(new RuntimeCamelException(new InvocationTargetException(twilio)));
        assertTrue(failure.isPermanent());
        assertEquals("HTTP 401 (Twilio error 20003)", failure.description());
    }

    @Test
    void aSlackWebhookAnswerIsReadFromCamelSlacksMessage() {
        DeliveryFailure failure = DeliveryFailures.of(new RuntimeCamelException("Error POSTing to Slack API: "
                + "WebhookResponse(code=429, message=Too Many Requests, headers={retry-after=[3]}, body=rate_limited)"));
        assertEquals(429, failure.status());
        assertEquals(3_000, failure.retryAfterMillis());
    }

    @Test
    void urlsNeverReachTheDescription() {
        DeliveryFailure failure = DeliveryFailures.of(new RuntimeCamelException(
                new IllegalStateException("cannot reach https://maker.ifttt.com/trigger/x/with/key/secret-key")));
        assertEquals("IllegalStateException: cannot reach <url>", failure.description());
    }

    @Test
    void anSmtpServersPermanentReplyIsNotRetriedItsTransientOneIs() {
        DeliveryFailure rejected = DeliveryFailures.of(new RuntimeCamelException(
                new MessagingException("send failed", smtp(550, "5.1.1 no such mailbox"))));
        assertTrue(rejected.isPermanent());
        assertEquals("SMTP 550", rejected.description());
        DeliveryFailure busy = DeliveryFailures.of(smtp(451, "4.3.0 try again later"));
        assertFalse(busy.isPermanent());
        assertEquals("SMTP 451", busy.description());
        assertTrue(DeliveryFailures.of(new AuthenticationFailedException("535 5.7.8 bad credentials")).isPermanent());
        DeliveryFailure down = DeliveryFailures.of(new MessagingException("Couldn't connect to host",
                new ConnectException("Connection refused")));
        assertFalse(down.isPermanent());
        assertEquals("could not connect", down.description());
    }

    private static SMTPSendFailedException smtp(int replyCode, String message) {
        return new SMTPSendFailedException("DATA", replyCode, replyCode + " " + message, null, null, null, null);
    }

    private static HttpOperationFailedException http(int status, Map<String, String> headers) {
        return new HttpOperationFailedException("https://maker.ifttt.com/trigger/x/with/key/k", status, "status",
                null, headers, "");
    }
}
