package io.tableaurelay.action;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Makes and checks the token of an action link: {@code base64url(fields) "." base64url(HMAC-SHA256(actions.secret,
 * fields))}, the fields being the action, item, site, channel and expiry as JSON. A token whose signature does not
 * match (forged, or any field altered) or whose expiry has passed is refused; the secret never leaves this class.
 */
final class LinkSigner {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,2000}\\.[A-Za-z0-9_-]{43}");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODE = Base64.getUrlDecoder();

    private final SecretKeySpec key;

    LinkSigner(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    String token(ActionLink link) {
        byte[] fields = link.toJson().toString().getBytes(StandardCharsets.UTF_8);
        return ENCODE.encodeToString(fields) + "." + ENCODE.encodeToString(mac(fields));
    }

    /** The link the token stands for, if it is the relay's own and has not expired. */
    ActionLink read(String token, Instant now) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            throw new BadLink(400, "This is not an action link of the relay.");
        }
        int dot = token.indexOf('.');
        byte[] fields;
        byte[] signature;
        try {
            fields = DECODE.decode(token.substring(0, dot));
            signature = DECODE.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw new BadLink(400, "This is not an action link of the relay.");
        }
        if (!MessageDigest.isEqual(mac(fields), signature)) {
            throw new BadLink(403, "This link is not valid: it was not made by this relay, or it was altered. "
                    + "Nothing was changed.");
        }
        ActionLink link;
        try {
            link = ActionLink.fromJson(JSON.readTree(fields));
        } catch (java.io.IOException e) {
            link = null;
        }
        if (link == null) {
            throw new BadLink(400, "This is not an action link of the relay.");
        }
        if (!now.isBefore(link.expires())) {
            throw new BadLink(410, "This link expired at " + Pages.time(link.expires()) + ". Nothing was changed; "
                    + "use the link of a newer message.");
        }
        return link;
    }

    private byte[] mac(byte[] fields) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(fields);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** A link the relay refuses: the HTTP status and the sentence its page shows. */
    static final class BadLink extends RuntimeException {

        private final int status;

        BadLink(int status, String message) {
            super(message);
            this.status = status;
        }

        int status() {
            return status;
        }
    }
}
