package io.tableaurelay.event;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;

/** What the receive route checks of a request before it parses the body, and the body's text. */
public final class WebhookRequest {

    private WebhookRequest() {
    }

    /** Tableau POSTs; any other method gets 405. */
    public static void onlyPost(@Header(Exchange.HTTP_METHOD) String method) {
        if (!"POST".equals(method)) {
            throw new InvalidEventException(405, "only POST is accepted");
        }
    }

    /** Form and multipart bodies are not handed over as JSON text: 415, before anything reads them. */
    public static void refuseForms(@Header("Content-Type") String contentType) {
        if (contentType != null && (contentType.startsWith("application/x-www-form-urlencoded")
                || contentType.startsWith("multipart/"))) {
            throw new InvalidEventException(415, "send the event as application/json");
        }
    }

    /**
     * The body as text. JSON between systems is UTF-8 (RFC 8259), whatever charset the Content-Type claims.
     * Bytes that are not well-formed UTF-8 (a stray 0xFF, an overlong form such as C0 AF, an encoded surrogate,
     * a sequence cut short) are refused, never replaced, so that no guessed text reaches a channel.
     */
    public static String utf8(@Body byte[] body) {
        if (body == null) {
            return "";
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidEventException("body is not valid UTF-8");
        }
    }
}
