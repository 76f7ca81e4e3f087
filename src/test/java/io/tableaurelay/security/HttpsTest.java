package io.tableaurelay.security;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import io.tableaurelay.support.ChannelStandIn;
import io.tableaurelay.support.Events;
import io.tableaurelay.support.Received;
import io.tableaurelay.support.RunningRelay;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.tableaurelay.support.ChannelStandIn.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The relay serves HTTPS from a keystore made here with the JDK's keytool, and refuses a bad keystore at startup. */
@Tag("relay")
@Tag("process")
class HttpsTest {

    private static final String PASSWORD = "keystore-pass-0001";

    @TempDir
    static Path dir;

    private static ChannelStandIn standIn;

    @BeforeAll
    static void start() {
        standIn = new ChannelStandIn();
    }

    @AfterAll
    static void stop() {
        standIn.close();
    }

    @Test
    void aPkcs12KeystoreServesTheWebhookOverTls() throws Exception {
        postOverTls(keystore("PKCS12"), "PKCS12", "over-tls-pkcs12");
    }

    @Test
    void aJksKeystoreWorksToo() throws Exception {
        postOverTls(keystore("JKS"), "JKS", "over-tls-jks");
    }

    @Test
    void aWrongPasswordStopsTheRelayNamingTheSetting() throws Exception {
        Path keystore = keystore("PKCS12");
        String message = startupFailure(Map.of("webhook.tls.key-store", keystore.toString(),
                "webhook.tls.key-store-password", "not-the-password"));
        assertTrue(message.contains("webhook.tls.key-store-password"), message);
        assertFalse(message.contains("not-the-password"), message);
    }

    @Test
    void aMissingKeystoreStopsTheRelayNamingTheSetting() {
        String message = startupFailure(Map.of("webhook.tls.key-store", dir.resolve("nowhere.p12").toString(),
                "webhook.tls.key-store-password", PASSWORD));
        assertTrue(message.contains("webhook.tls.key-store"), message);
        assertTrue(message.contains("nowhere.p12"), message);
        assertFalse(message.contains(PASSWORD), message);
    }

    private static void postOverTls(Path keystore, String type, String name) throws Exception {
        Map<String, String> settings = new HashMap<>(standIn.allChannels());
        settings.put("webhook.tls.key-store", keystore.toString());
        settings.put("webhook.tls.key-store-password", PASSWORD);
        settings.put("webhook.tls.key-store-type", type);
        try (RunningRelay relay = RunningRelay.start(settings)) {
            URI https = URI.create(relay.webhookUrl().toString().replaceFirst("^http:", "https:"));
            HttpResponse<String> response = trustingAll().send(HttpRequest.newBuilder(https)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Events.event("WorkbookCreated", "WORKBOOK", name)))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            assertEquals("TLSv1.3", response.sslSession().orElseThrow().getProtocol());
            await("IFTTT", Duration.ofSeconds(15), standIn::ifttt, list -> Received.mentions(list, name));

            assertThrows(IllegalStateException.class, () -> relay.post(Events.event("WorkbookCreated", "WORKBOOK",
                    "plain")), "plain HTTP is not served on the HTTPS port");
        }
    }

    private static String startupFailure(Map<String, String> settings) {
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> RunningRelay.start(settings)
                .close());
        StringBuilder messages = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            messages.append(cause.getMessage()).append(" / ");
        }
        return messages.toString();
    }

    /** A self-signed certificate for 127.0.0.1 in a new keystore, made with the keytool of the running JDK. */
    private static Path keystore(String type) throws IOException, InterruptedException {
        Path keystore = Files.createTempFile(dir, "relay", "PKCS12".equals(type) ? ".p12" : ".jks");
        Files.delete(keystore);
        Path keytool = Paths.get(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "relay", "-keyalg", "RSA",
                "-keysize", "2048", "-validity", "2", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1",
                "-storetype", type, "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), output);
        return keystore;
    }

    private static HttpClient trustingAll() throws Exception {
        TrustManager trustAll = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, new TrustManager[] {trustAll}, new SecureRandom());
        return HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();
    }
}
