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
 * Fills the message templates in routes/templates/ (Velocity), as the channel template and the e-mail message ask:
 * the template named by the exchange property {@code messageTemplate}, with the message's body as {@code $body} and its
 * headers as {@code $headers}, into the body. Each template is read and parsed once, when it is first used; the relay
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

    /** Fills the template named by the exchange property {@code messageTemplate}. */
    public void fill(Exchange exchange) {
        fillTemplate(exchange, exchange.getProperty(PROPERTY, String.class));
    }

    /**
     * Fills the template beside the e-mail's HTML one ({@code messageTemplate}, {@code <name>.html.vm}) whose name ends
     * in {@code ending} instead: {@code .subject.vm}, {@code .txt.vm}.
     */
    public void fillBeside(Exchange exchange, String ending) {
        fillTemplate(exchange, exchange.getProperty(PROPERTY, String.class).replace(".html.vm", ending));
    }

    /** Fills the named template (a file in routes/templates/) with the message's body and headers. */
    private void fillTemplate(Exchange exchange, String name) {
        Message message = exchange.getMessage();
        // a template may #set its own values: the context's map must take them
        Map<String, Object> values = new HashMap<>(8);
        values.put("body", message.getBody());
        values.put("headers", message.getHeaders());
        VelocityContext context = new VelocityContext(values);
        StringWriter text = new StringWriter(1024);
        try {
            Template template = engine.getTemplate(name);
            template.merge(context, text);
        } catch (VelocityException e) {
            // a template that cannot be filled fails every attempt alike: dead-lettered at once
            throw new IllegalArgumentException("the template " + name + " does not render: " + e.getMessage(), e);
        }
        message.setBody(text.toString());
    }
}
