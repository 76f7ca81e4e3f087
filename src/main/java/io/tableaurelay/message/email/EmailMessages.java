package io.tableaurelay.message.email;

import io.tableaurelay.channel.EmailTemplates;
import io.tableaurelay.message.Escaping;
import io.tableaurelay.message.MessageFields;
import io.tableaurelay.message.Templates;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.mail.MailConstants;

/**
 * An e-mail, in one step: the HTML body from the channel's template with values escaped for HTML, and the subject and
 * plain-text part from the templates beside it ({@link EmailTemplates}) with the values as they are.
 */
public class EmailMessages {

    /** HTML's special characters, in the text and the link alike. */
    public static final Escaping ESCAPING = new Escaping(EmailMessages::html, EmailMessages::html);

    private final Templates templates;
    private final MessageFields html = new MessageFields(ESCAPING);
    private final MessageFields plain = new MessageFields(Escaping.PLAIN);

    public EmailMessages(Templates templates) {
        this.templates = templates;
    }

    public void render(Exchange exchange) {
        EmailTemplates names = EmailTemplates.of(exchange.getProperty(Templates.PROPERTY, String.class));
        String body = templates.render(exchange, html, names.html());
        String subject = templates.render(exchange, plain, names.subject()).trim();
        String text = templates.render(exchange, plain, names.text());
        Message message = exchange.getMessage();
        message.setHeader("Subject", subject);
        message.setHeader(MailConstants.MAIL_ALTERNATIVE_BODY, text);
        message.setHeader(Exchange.CONTENT_TYPE, "text/html; charset=UTF-8");
        message.setBody(body);
    }

    static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
