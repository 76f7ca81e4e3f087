package io.tableaurelay.message.email;

import io.tableaurelay.message.OutgoingHeaders;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;

/** E-mail: {@code mailHeaders}, the only headers the e-mail channel's endpoint sends besides its own. */
public class EmailConfiguration implements CamelConfiguration {

    @BindToRegistry
    public OutgoingHeaders mailHeaders() {
        return new OutgoingHeaders("Subject");
    }
}
