package io.tableaurelay.message.http;

import io.tableaurelay.message.Escaping;
import io.tableaurelay.message.MessageFields;
import io.tableaurelay.message.Templates;
import org.apache.camel.Exchange;

/** A JSON message (IFTTT, forward, yours): the channel's template filled with values escaped as JSON strings. */
public class JsonMessages {

    private final Templates templates;
    private final HttpRequests requests;
    private final MessageFields fields = new MessageFields(Escaping.JSON);

    public JsonMessages(Templates templates, HttpRequests requests) {
        this.templates = templates;
        this.requests = requests;
    }

    public void render(Exchange exchange) {
        requests.post(exchange, templates.render(exchange, fields));
    }
}
