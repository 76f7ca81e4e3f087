package io.tableaurelay.message;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.velocity.Template;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;
import org.apache.velocity.exception.VelocityException;
import org.apache.velocity.runtime.RuntimeConstants;

/**
 * Fills the message templates in routes/templates/ (Velocity) for each kind of message: the template named by the
 * exchange property {@code messageTemplate} (or, for an e-mail, one beside it), with the kind's values as
 * {@code $body} and the message's headers as {@code $headers}. Each template is read and parsed once, when it is first used; the relay
 * reads templates at startup and when first needed, so an edited template takes effect at the next start, as every
 * other change of routes/ does.
 */
public class Templates {

    /** The exchange property that names the template to fill. */
    public static final String PROPERTY = "messageTemplate";

    private final VelocityEngine engine = new VelocityEngine();

    public Templates(Path folder) {
        Properties properties = new Properties();
        properties.setProperty(RuntimeConstants.RESOURCE_LOADERS, "file");
        properties.setProperty("resource.loader.file.path", folder.toAbsolutePath().toString());
        properties.setProperty("resource.loader.file.cache", "true");
        properties.setProperty("resource.loader.file.modification_check_interval", "-1");
        properties.setProperty(RuntimeConstants.INPUT_ENCODING, "UTF-8");
        properties.setProperty(RuntimeConstants.RUNTIME_LOG_NAME, "org.apache.velocity");
        engine.init(properties);
    }

    /** The message's template (the exchange property {@code messageTemplate}) filled with the kind's values. */
    public String render(Exchange exchange, MessageFields fields) {
        return render(exchange, fields, exchange.getProperty(PROPERTY, String.class));
    }

    /** The named template filled with the message's values, as the kind escapes them, and its headers. */
    public String render(Exchange exchange, MessageFields fields, String template) {
        Message message = exchange.getMessage();
        return fill(template, fields.of(message.getBody(String.class), message.getHeaders()), message.getHeaders());
    }

    private String fill(String name, Map<String, Object> body, Map<String, Object> headers) {
        // a template may #set its own values: the context's map must take them
        Map<String, Object> values = new HashMap<>(8);
        values.put("body", body);
        values.put("headers", headers);
        VelocityContext context = new VelocityContext(values);
        StringWriter text = new StringWriter(1024);
        try {
            Template template = engine.getTemplate(name);
            template.merge(context, text);
        } catch (VelocityException e) {
            // a template that cannot be filled fails every attempt alike: dead-lettered at once
            throw new IllegalArgumentException("the template " + name + " does not render: " + e.getMessage(), e);
        }
        return text.toString();
    }
}
