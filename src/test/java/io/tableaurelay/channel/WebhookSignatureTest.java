package io.tableaurelay.channel;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A Standard Webhooks signature, checked the way a receiver would without the library: HMAC-SHA256 of
 * "id.timestamp.body" (UTF-8) keyed with the base64 key after whsec_, in base64, after "v1,".
 */
class WebhookSignatureTest {

    private static final byte[] KEY = "a key of thirty-two bytes, here!".getBytes(StandardCharsets.US_ASCII);
    private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(KEY);

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', textBlock = """
            msg_1      | 1700000000 | {"eventType":"ViewDeleted"}
            msg_2      | 1700000001 | {"eventType":"ViewDeleted"}
            msg_abc123 | 1767225600 | {"resourceName":"Umsatz € 😀"}
            """)
    void aReceiverComputesTheSameSignature(String id, long timestamp, String body) throws GeneralSecurityException {
        assertEquals("v1," + hmac(id + "." + timestamp + "." + body), WebhookSignature.of(SECRET).sign(id, timestamp, body));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            c2VjcmV0                 | a signing secret starts with whsec_
            whsec_not base64!        | a signing secret is whsec_ and a base64 key
            whsec_                   | a signing secret is whsec_ and a base64 key
            """)
    void aSecretThatIsNotWhsecAndBase64IsRefused(String secret, String reason) {
        assertEquals(reason, assertThrows(IllegalArgumentException.class, () -> WebhookSignature.of(secret)).getMessage());
    }

    private static String hmac(String signed) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }
}
