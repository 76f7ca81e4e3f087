package io.tableaurelay.event;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What the receive route checks before parsing: the method, the content type and the body's UTF-8. */
class WebhookRequestTest {

    @Test
    void wellFormedUtf8IsReadAsItIs() {
        assertEquals("Umsatz € 😀", WebhookRequest.utf8(HexFormat.of().parseHex("556d7361747a20e282ac20f09f9880")));
        assertEquals("", WebhookRequest.utf8(null));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"7bff7d", "c0af", "eda080", "e282"})
    void malformedUtf8IsRefusedNeverReplaced(String hex) {
        InvalidEventException refused = assertThrows(InvalidEventException.class,
                () -> WebhookRequest.utf8(HexFormat.of().parseHex(hex)));
        assertEquals(400, refused.getStatus());
        assertEquals("body is not valid UTF-8", refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "PUT", "post"})
    void onlyPostIsAccepted(String method) {
        assertEquals(405, assertThrows(InvalidEventException.class, () -> WebhookRequest.onlyPost(method)).getStatus());
        assertDoesNotThrow(() -> WebhookRequest.onlyPost("POST"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/x-www-form-urlencoded; charset=UTF-8", "multipart/form-data; boundary=x"})
    void formsAreRefused(String contentType) {
        assertEquals(415, assertThrows(InvalidEventException.class,
                () -> WebhookRequest.refuseForms(contentType)).getStatus());
        assertDoesNotThrow(() -> WebhookRequest.refuseForms("text/plain"));
        assertDoesNotThrow(() -> WebhookRequest.refuseForms(null));
    }
}
