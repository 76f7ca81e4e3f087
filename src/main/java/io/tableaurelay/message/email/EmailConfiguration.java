package io.tableaurelay.message.email;

import io.tableaurelay.message.OutgoingHeaders;
import io.tableaurelay.message.Templates;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;

/** E-mail: {@code emailMessages}, and {@code mailHeaders}, the only headers the e-mail channel's endpoint sends besides its own. */
public class EmailConfiguration implements CamelConfiguration {

    @BindToRegistry(lazy = true)
    public EmailMessages emailMessages(@BeanInject("templates") Templates templates) {
        return new EmailMessages(templates);
    }

    @BindToRegistry
    public OutgoingHeaders mailHeaders() {
        return new OutgoingHeaders("Subject");
    }
}
