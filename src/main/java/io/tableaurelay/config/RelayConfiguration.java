package io.tableaurelay.config;

import java.nio.file.Path;
import java.util.List;

import com.twilio.http.TwilioRestClient;
import io.tableaurelay.channel.Channels;
import io.tableaurelay.delivery.ChannelPause;
import io.tableaurelay.delivery.HttpRequests;
import io.tableaurelay.delivery.OutgoingHeaders;
import io.tableaurelay.delivery.RetryPolicy;
import io.tableaurelay.event.TableauEventParser;
import io.tableaurelay.render.MessageFields;
import io.tableaurelay.render.SlackMessages;
import io.tableaurelay.render.SmsSegment;
import io.tableaurelay.render.Templates;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.component.platform.http.PlatformHttpComponent;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpEngine;
import org.apache.camel.component.twilio.TwilioComponent;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;

/**
 * Reads the settings once at startup and puts into the registry what the routes use: the channels (learned from
 * the channel files as Camel reads them), the message and retry helpers, and the components the channels send
 * through, with the Twilio account when it is set.
 */
public class RelayConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        Settings settings = new Settings(context);
        Channels channels = new Channels(settings);
        context.addComponent("slack", new SlackComponentWithFailures());
        if (settings.isSet("twilio.account-sid") && settings.isSet("twilio.auth-token")) {
            configureTwilio(context, settings);
        }
        for (String scheme : List.of("http", "https")) {
            configureHttp(context.getComponent(scheme, HttpComponent.class));
        }
        bindWebhookServerPort(context, settings);

        var registry = context.getRegistry();
        registry.bind("channels", channels);
        registry.bind("eventParser", new TableauEventParser());
        registry.bind("messageFields", new MessageFields());
        registry.bind("slackMessages", new SlackMessages());
        registry.bind("smsSegment", new SmsSegment());
        registry.bind("templates", new Templates(Path.of("routes", "templates")));
        registry.bind("httpRequests", new HttpRequests(channels));
        registry.bind("mailHeaders", new OutgoingHeaders("Subject"));
        registry.bind("retryPolicy", new RetryPolicy(
                Integer.parseInt(settings.get("delivery.max-attempts")),
                Long.parseLong(settings.get("delivery.initial-delay-ms")),
                Long.parseLong(settings.get("delivery.max-delay-ms"))));
        registry.bind("channelPause", new ChannelPause(Integer.parseInt(settings.get("delivery.pause-after-failures")),
                context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "ChannelPause")));
    }

    /**
     * Camel 4.17 finds the public server's port by looking for the one HTTP server; with the management server
     * running too it finds two and falls back to 8080. Name the port explicitly.
     */
    private static void bindWebhookServerPort(CamelContext context, Settings settings) {
        int port = Integer.parseInt(settings.get("camel.server.port"));
        VertxPlatformHttpEngine engine = new VertxPlatformHttpEngine() {
            @Override
            public int getServerPort() {
                return port;
            }
        };
        engine.setCamelContext(context);
        context.getComponent("platform-http", PlatformHttpComponent.class).setEngine(engine);
    }

    /**
     * HTTP channels (IFTTT, Teams, forward, yours) send only the headers a message route names, and each attempt
     * once: the retry policy in routes/retries.yaml decides about a failure (HttpClient would otherwise repeat a
     * 503 or 429 by itself, unseen and uncounted).
     */
    private static void configureHttp(HttpComponent http) {
        http.setHeaderFilterStrategy(new OutgoingHeaders());
        http.setHttpClientConfigurer(HttpClientBuilder::disableAutomaticRetries);
        // nothing reads the receiver's answer headers on success (a failure's exception carries them, Retry-After
        // included), and no receiver's cookie is sent back to it
        http.setSkipResponseHeaders(true);
        http.setCookieManagementDisabled(true);
    }

    /** Every SMS channel sends through the one Twilio account of twilio.account-sid and twilio.auth-token. */
    private static void configureTwilio(CamelContext context, Settings settings) {
        String accountSid = settings.get("twilio.account-sid");
        TwilioRestClient client = new TwilioRestClient.Builder(accountSid, settings.get("twilio.auth-token"))
                .httpClient(new TwilioApiUrlClient(settings.url("twilio.api-url")))
                .build();
        TwilioComponent twilio = context.getComponent("twilio", TwilioComponent.class);
        twilio.setRestClient(client);
        twilio.setAccountSid(accountSid);
    }
}
