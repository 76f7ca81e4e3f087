package io.tableaurelay.message.http;

import io.tableaurelay.channel.Channels;
import io.tableaurelay.message.OutgoingHeaders;
import io.tableaurelay.message.Templates;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.component.http.HttpComponent;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;

/**
 * HTTP channels (IFTTT, Teams, forward, yours): {@code jsonMessages}, {@code httpRequests} (which Teams posts through too), and the {@code http} and {@code https}
 * components, made when a channel uses them.
 */
public class HttpConfiguration implements CamelConfiguration {

    @BindToRegistry(lazy = true)
    public HttpRequests httpRequests(@BeanInject("channels") Channels channels) {
        return new HttpRequests(channels);
    }

    @BindToRegistry(lazy = true)
    public JsonMessages jsonMessages(@BeanInject("templates") Templates templates,
            @BeanInject("httpRequests") HttpRequests requests) {
        return new JsonMessages(templates, requests);
    }

    @BindToRegistry(value = "http", lazy = true)
    public HttpComponent http() {
        return component();
    }

    @BindToRegistry(value = "https", lazy = true)
    public HttpComponent https() {
        return component();
    }

    /**
     * Sends only the headers a message route names, and each attempt once: the retry policy in routes/retries.yaml
     * decides about a failure (HttpClient would otherwise repeat a 503 or 429 by itself, unseen and uncounted).
     */
    private static HttpComponent component() {
        HttpComponent http = new HttpComponent();
        http.setHeaderFilterStrategy(new OutgoingHeaders());
        http.setHttpClientConfigurer(HttpClientBuilder::disableAutomaticRetries);
        // nothing reads the receiver's answer headers on success (a failure's exception carries them, Retry-After
        // included), and no receiver's cookie is sent back to it
        http.setSkipResponseHeaders(true);
        http.setCookieManagementDisabled(true);
        return http;
    }
}
