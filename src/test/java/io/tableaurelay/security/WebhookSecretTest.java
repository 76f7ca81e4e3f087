package io.tableaurelay.security;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WebhookSecretTest {

    @Test
    void theDestinationUrlCarriesTheTokenWhenASecretIsSet() {
        assertEquals("https://relay.example.com/webhooks/tableau?token=abc%2B%2F%3D%26",
                new WebhookSecret("abc+/=&").destinationUrl("https://relay.example.com/webhooks/tableau"));
        assertEquals("https://relay.example.com/hook?x=1&token=t0k3n",
                new WebhookSecret("t0k3n").destinationUrl("https://relay.example.com/hook?x=1"));
        assertEquals("https://relay.example.com/webhooks/tableau",
                new WebhookSecret("").destinationUrl("https://relay.example.com/webhooks/tableau"));
    }

    @Test
    void theTokenIsReadFromTheQueryAndDecoded() {
        WebhookSecret secret = new WebhookSecret("abc+/=&");
        secret.check("token=abc%2B%2F%3D%26");
        secret.check("a=1&token=abc%2B%2F%3D%26&b=2");
        assertThrows(RefusedRequestException.class, () -> secret.check(null));
        assertThrows(RefusedRequestException.class, () -> secret.check("token=abc"));
        assertThrows(RefusedRequestException.class, () -> secret.check("token=%zz"));
        new WebhookSecret("").check(null);
    }
}
