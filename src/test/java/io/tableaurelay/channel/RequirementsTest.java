package io.tableaurelay.channel;

import java.util.Map;
import java.util.Properties;

import io.tableaurelay.settings.Settings;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the startup log tells to set for a channel that is off, from its file's {@code needs}. */
class RequirementsTest {

    private static final String SLACK = "slack.webhook-url | slack.token, slack.channel";
    private static final String SMS = "twilio.account-sid, twilio.auth-token, twilio.from, twilio.to";

    @Test
    void aChannelWithOneAlternativeNamesWhatIsUnset() {
        assertEquals("set twilio.auth-token, twilio.to",
                missing(SMS, Map.of("twilio.account-sid", "AC1", "twilio.from", "+1555")));
        assertEquals("", missing(SMS, Map.of("twilio.account-sid", "AC1", "twilio.auth-token", "t",
                "twilio.from", "+1555", "twilio.to", "+1556")));
    }

    @Test
    void aChannelWithAlternativesNamesThemAllOrCompletesTheOneBegun() {
        assertEquals("set slack.webhook-url, or slack.token and slack.channel", missing(SLACK, Map.of()));
        assertEquals("slack.token is set, set slack.channel too", missing(SLACK, Map.of("slack.token", "xoxb")));
        assertEquals("", missing(SLACK, Map.of("slack.webhook-url", "https://hooks.slack.com/x")));
        assertEquals("", missing(SLACK, Map.of("slack.token", "xoxb", "slack.channel", "#alerts")));
    }

    private static String missing(String needs, Map<String, String> set) {
        DefaultCamelContext context = new DefaultCamelContext();
        Properties properties = new Properties();
        properties.putAll(set);
        context.getPropertiesComponent().setInitialProperties(properties);
        return new Requirements(needs).missing(new Settings(context));
    }
}
