package io.tableaurelay;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.tableaurelay.support.Events;
import io.tableaurelay.support.Received;
import io.tableaurelay.support.RunningRelay;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static io.tableaurelay.support.ChannelStandIn.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The e-mail channel against GreenMail, a real SMTP server in the test's JVM, that wants the relay to sign in. */
@Tag("relay")
class EmailChannelTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String USER = "relay";
    private static final String PASSWORD = "mail-password-0001";

    private int port;
    private GreenMail mail;

    @BeforeEach
    void startMailServer() {
        port = RunningRelay.freePort();
        mail = mailServer();
    }

    @AfterEach
    void stopMailServer() {
        mail.stop();
    }

    @Test
    void aFailedRefreshIsMailedAsHtmlWithAPlainTextPartToEveryRecipient() throws Exception {
        try (RunningRelay relay = RunningRelay.start(settings(PASSWORD))) {
            relay.post(Events.event("DatasourceRefreshFailed", "EXTRACTS", "Sales <Q4> & more"));
            MimeMessage message = received(2)[0];
            assertEquals("[Tableau] Data source refresh failed: Sales <Q4> & more", message.getSubject());
            assertEquals("relay@example.com", message.getFrom()[0].toString());
            assertEquals(Set.of("ops@example.com", "data@example.com"),
                    Arrays.stream(message.getAllRecipients()).map(Address::toString).collect(Collectors.toSet()));
            Map<String, String> parts = textParts(message);
            assertEquals(Set.of("text/plain", "text/html"), parts.keySet());
            assertTrue(parts.get("text/html").contains("<strong>Sales &lt;Q4&gt; &amp; more</strong> (data source)"),
                    parts.get("text/html"));
            assertTrue(parts.get("text/plain").startsWith("Data source refresh failed: Sales <Q4> & more (data source)"),
                    parts.get("text/plain"));
            assertTrue(parts.get("text/plain").contains("When: 2026-11-29 17:14 UTC"), parts.get("text/plain"));
            for (String internal : new String[] {"eventId", "eventType", "recipient", "channel", "itemUrl"}) {
                assertNull(message.getHeader(internal), "the relay's own header became a mail header: " + internal);
            }
        }
    }

    @Test
    void aSignInTheServerRefusesGoesToTheDeadLettersAtOnce() {
        try (RunningRelay relay = RunningRelay.start(settings("not-the-password"))) {
            relay.post(Events.event("WorkbookRefreshFailed", "EXTRACTS", "Refused"));

            String letters = await("e-mail dead letter", WAIT, () -> relay.manage("/admin/dead-letters?channel=email").body(),
                    body -> body.contains("Refused"));
            JsonNode letter = Received.json(letters).path("deadLetters").get(0);
            assertEquals("the mail server refused the sign-in", letter.path("lastError").asText());
            assertEquals(1, letter.path("attempts").asInt());
            assertEquals(0, mail.getReceivedMessages().length);
        }
    }

    @Test
    void whileTheServerIsDownTheMessageWaitsAndGoesOutWhenItIsBack() throws Exception {
        mail.stop();
        try (RunningRelay relay = RunningRelay.start(settings(PASSWORD))) {
            relay.post(Events.event("WorkbookRefreshFailed", "EXTRACTS", "Patience"));
            JsonNode retrying = await("a failed attempt", WAIT, () -> emailOutcome(relay),
                    outcome -> "retrying".equals(outcome.path("outcome").asText()));
            assertEquals("could not connect", retrying.path("lastError").asText());

            mail = mailServer();
            assertEquals("[Tableau] Workbook refresh failed: Patience", received(2)[0].getSubject());
            JsonNode delivered = await("delivered", WAIT, () -> emailOutcome(relay),
                    outcome -> "delivered".equals(outcome.path("outcome").asText()));
            assertTrue(delivered.path("attempts").asInt() >= 2, delivered.toString());
        }
    }

    /** Waits until the mail server holds {@code count} messages (one per recipient) and returns them. */
    private MimeMessage[] received(int count) {
        return await(count + " e-mails", WAIT, mail::getReceivedMessages, messages -> messages.length == count);
    }

    private GreenMail mailServer() {
        GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.setUser("relay@example.com", USER, PASSWORD);
        server.start();
        return server;
    }

    private Map<String, String> settings(String password) {
        Map<String, String> settings = new HashMap<>();
        settings.put("email.host", "127.0.0.1");
        settings.put("email.port", String.valueOf(port));
        settings.put("email.username", USER);
        settings.put("email.password", password);
        settings.put("email.from", "relay@example.com");
        settings.put("email.to", "ops@example.com, data@example.com");
        settings.put("email.starttls", "false");
        settings.put("email.events", "*");
        return settings;
    }

    private static JsonNode emailOutcome(RunningRelay relay) {
        return Received.json(relay.manage("/admin/deliveries?channel=email").body())
                .path("deliveries").path(0).path("channels").path("email");
    }

    /** The text parts of a message by content type (text/plain, text/html), however they are nested. */
    private static Map<String, String> textParts(Part part) throws Exception {
        Map<String, String> parts = new HashMap<>();
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                parts.putAll(textParts(child));
            }
        } else if (part.isMimeType("text/*")) {
            parts.put(part.getContentType().split(";")[0].trim().toLowerCase(), part.getContent().toString());
        }
        return parts;
    }
}
