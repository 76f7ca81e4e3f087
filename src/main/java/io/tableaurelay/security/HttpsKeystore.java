package io.tableaurelay.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.UnrecoverableKeyException;

import io.tableaurelay.settings.Settings;
import org.apache.camel.CamelContext;
import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;

/**
 * HTTPS for the webhook endpoint: with {@code webhook.tls.key-store} set, the keystore becomes Camel's global
 * SSL context, which the HTTP server uses ({@code camel.server.use-global-ssl-context-parameters}). The
 * keystore is opened at startup, so a missing file or a wrong password stops the relay with an error that
 * names the setting.
 */
final class HttpsKeystore {

    static final String KEY_STORE = "webhook.tls.key-store";
    static final String PASSWORD = "webhook.tls.key-store-password";
    static final String TYPE = "webhook.tls.key-store-type";

    private HttpsKeystore() {
    }

    /** @return whether the relay serves HTTPS */
    static boolean configure(CamelContext context, Settings settings) {
        if (!settings.isSet(KEY_STORE)) {
            return context.getSSLContextParameters() != null;
        }
        String path = settings.get(KEY_STORE);
        if (!Files.isReadable(Path.of(path))) {
            throw new IllegalArgumentException(KEY_STORE + ": no readable keystore file at " + path);
        }
        KeyStoreParameters keyStore = new KeyStoreParameters();
        keyStore.setCamelContext(context);
        keyStore.setResource("file:" + path);
        String type = settings.get(TYPE, "PKCS12");
        keyStore.setType(type);
        keyStore.setPassword(settings.get(PASSWORD));
        KeyManagersParameters keyManagers = new KeyManagersParameters();
        keyManagers.setCamelContext(context);
        keyManagers.setKeyStore(keyStore);
        keyManagers.setKeyPassword(settings.get(PASSWORD));
        SSLContextParameters ssl = new SSLContextParameters();
        ssl.setCamelContext(context);
        ssl.setKeyManagers(keyManagers);
        open(ssl, path, type);
        context.setSSLContextParameters(ssl);
        return true;
    }

    private static void open(SSLContextParameters ssl, String path, String type) {
        try {
            ssl.createSSLContext(ssl.getCamelContext());
        } catch (UnrecoverableKeyException e) {
            throw new IllegalArgumentException(PASSWORD + " does not open the key in " + KEY_STORE + " (" + path + ")");
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException || String.valueOf(e.getMessage()).contains("password")) {
                throw new IllegalArgumentException(PASSWORD + " does not open " + KEY_STORE + " (" + path + ")");
            }
            throw new IllegalArgumentException(KEY_STORE + ": cannot read " + path + " as a " + type + " keystore ("
                    + e.getClass().getSimpleName() + "; see " + TYPE + ")");
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(KEY_STORE + ": cannot use " + path + " (" + e.getClass().getSimpleName()
                    + "; check " + TYPE + " and " + PASSWORD + ")");
        }
    }
}
