package io.tableaurelay.config;

import java.util.List;
import java.util.stream.Stream;

import com.twilio.http.TwilioRestClient;
import io.tableaurelay.channel.Channel;
import io.tableaurelay.channel.EventFilter;
import io.tableaurelay.event.TableauEventParser;
import io.tableaurelay.delivery.RetryPolicy;
import io.tableaurelay.render.MessageFields;
import io.tableaurelay.render.SlackMessages;
import io.tableaurelay.render.SmsSegment;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.PlatformHttpComponent;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpEngine;
import org.apache.camel.component.slack.SlackComponent;
import org.apache.camel.component.twilio.TwilioComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the settings once at startup, decides which channels are on, gives the Slack and Twilio
 * components their credentials and puts the beans that the routes use into the registry.
 */
public class RelayConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(RelayConfiguration.class);

    @Override
    public void configure(CamelContext context) {
        Settings settings = new Settings(context);
        Channel slack = slackChannel(settings);
        Channel sms = smsChannel(settings);
        Channel ifttt = iftttChannel(settings);

        if (slack.isOn()) {
            configureSlack(context, settings);
        }
        if (sms.isOn()) {
            configureTwilio(context, settings);
        }
        Stream.of(slack, sms, ifttt).forEach(channel -> LOG.info(channel.describe()));
        bindWebhookServerPort(context, settings);

        var registry = context.getRegistry();
        registry.bind("slackChannel", slack);
        registry.bind("smsChannel", sms);
        registry.bind("iftttChannel", ifttt);
        registry.bind("eventParser", new TableauEventParser());
        registry.bind("messageFields", new MessageFields());
        registry.bind("slackMessages", new SlackMessages());
        registry.bind("smsSegment", new SmsSegment());
        registry.bind("retryPolicy", new RetryPolicy(
                Integer.parseInt(settings.get("delivery.max-attempts")),
                Long.parseLong(settings.get("delivery.initial-delay-ms")),
                Long.parseLong(settings.get("delivery.max-delay-ms"))));
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

    static Channel slackChannel(Settings settings) {
        String missing = "";
        if (!settings.isSet("slack.webhook-url")) {
            if (settings.isSet("slack.token") && !settings.isSet("slack.channel")) {
                missing = "slack.token is set, set slack.channel too";
            } else if (!settings.isSet("slack.token")) {
                missing = "set slack.webhook-url, or slack.token and slack.channel";
            }
        }
        return new Channel("Slack", new EventFilter(settings.get("slack.events")), missing);
    }

    static Channel smsChannel(Settings settings) {
        List<String> unset = Stream.of("twilio.account-sid", "twilio.auth-token", "twilio.from", "twilio.to")
                .filter(name -> !settings.isSet(name))
                .toList();
        String missing = unset.isEmpty() ? "" : "set " + String.join(", ", unset);
        return new Channel("SMS", new EventFilter(settings.get("twilio.events")), missing);
    }

    static Channel iftttChannel(Settings settings) {
        String missing = settings.isSet("ifttt.key") ? "" : "set ifttt.key";
        return new Channel("IFTTT", new EventFilter(settings.get("ifttt.events")), missing);
    }

    private static void configureSlack(CamelContext context, Settings settings) {
        SlackComponent slack = new SlackComponentWithFailures();
        context.addComponent("slack", slack);
        if (settings.isSet("slack.webhook-url")) {
            slack.setWebhookUrl(settings.get("slack.webhook-url"));
        } else {
            slack.setToken(settings.get("slack.token"));
        }
    }

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
