package io.tableaurelay.message.slack;

import java.util.Map;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;
import org.apache.camel.component.slack.SlackComponent;
import org.apache.camel.component.slack.SlackEndpoint;
import org.apache.camel.component.slack.SlackProducer;

/**
 * camel-slack 4.17 as it is, but with Slack's error answers reaching the route's error handling. Its
 * producer calls the route back before it records a non-2xx answer as the exchange's exception, so the
 * route's onException never sees the failure. This producer reports completion only once the send is
 * fully done. Same options, same {@code slack:} URIs; an empty {@code token} or {@code webhookUrl} counts as not
 * given, so one endpoint URI can name both settings and use the one that is set.
 */
final class SlackComponentWithFailures extends SlackComponent {

    @Override
    protected Endpoint createEndpoint(String uri, String channelName, Map<String, Object> parameters) throws Exception {
        SlackEndpoint endpoint = new SlackEndpoint(uri, channelName, this) {
            @Override
            public Producer createProducer() throws Exception {
                super.createProducer();
                return new CompletingProducer(this);
            }
        };
        setProperties(endpoint, parameters);
        // a channel file names both settings; the one left empty is not used
        endpoint.setToken(emptyToNull(endpoint.getToken()));
        endpoint.setWebhookUrl(emptyToNull(endpoint.getWebhookUrl()));
        return endpoint;
    }

    private static String emptyToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static final class CompletingProducer extends SlackProducer {

        CompletingProducer(SlackEndpoint endpoint) {
            super(endpoint);
        }

        @Override
        public boolean process(Exchange exchange, AsyncCallback callback) {
            super.process(exchange, doneSync -> { });
            callback.done(true);
            return true;
        }
    }
}
