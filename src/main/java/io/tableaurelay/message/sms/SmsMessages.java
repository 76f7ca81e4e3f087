package io.tableaurelay.message.sms;

import io.tableaurelay.message.Escaping;
import io.tableaurelay.message.MessageFields;
import io.tableaurelay.message.Templates;
import org.apache.camel.Exchange;

/** An SMS: the channel's plain-text template filled with the values as they are, kept to one segment. */
public class SmsMessages {

    private final Templates templates;
    private final SmsSegment segment = new SmsSegment();
    private final MessageFields fields = new MessageFields(Escaping.PLAIN);

    public SmsMessages(Templates templates) {
        this.templates = templates;
    }

    public String render(Exchange exchange) {
        return segment.fit(templates.render(exchange, fields));
    }
}
