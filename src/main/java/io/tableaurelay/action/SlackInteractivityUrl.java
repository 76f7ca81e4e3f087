package io.tableaurelay.action;

import io.tableaurelay.settings.RouterSetup;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * Serves Slack's interactivity request URL, {@code POST /slack/interactivity} on the public port, by handing the
 * request's bytes as they came (Slack signs them; Camel's HTTP consumer would read a form into fields) with Slack's
 * two signature headers to the route {@code direct:slack-interactivity}, and answering what the route answers.
 */
final class SlackInteractivityUrl extends RouterSetup {

    static final String PATH = "/slack/interactivity";

    private final long maxBodyBytes;

    SlackInteractivityUrl(int port, long maxBodyBytes) {
        super(port);
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void setUp(CamelContext context, VertxPlatformHttpRouter router) {
        ProducerTemplate producer = context.createProducerTemplate();
        router.route(HttpMethod.POST, PATH).handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes))
                .blockingHandler(request -> answer(request, producer));
    }

    private static void answer(RoutingContext request, ProducerTemplate producer) {
        Exchange answered = producer.request("direct:slack-interactivity", exchange -> {
            exchange.getIn().setBody(request.body().buffer() == null ? new byte[0] : request.body().buffer().getBytes());
            for (String header : new String[] {"X-Slack-Request-Timestamp", "X-Slack-Signature", "Content-Type"}) {
                exchange.getIn().setHeader(header, request.request().getHeader(header));
            }
            exchange.getIn().setHeader("relaySender", request.request().remoteAddress().hostAddress());
        });
        if (answered.getException() != null) {
            request.response().setStatusCode(500).putHeader("Content-Type", "application/json")
                    .end("{\"error\": \"the click could not be handled\"}");
            return;
        }
        Integer status = answered.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 200, Integer.class);
        String contentType = answered.getMessage().getHeader(Exchange.CONTENT_TYPE, "text/plain", String.class);
        request.response().setStatusCode(status).putHeader("Content-Type", contentType)
                .end(answered.getMessage().getBody(String.class) == null ? "" : answered.getMessage().getBody(String.class));
    }
}
