package io.tableaurelay.message;

import java.nio.file.Path;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;

/** What every kind of message is made with: {@code templates}. */
public class MessageConfiguration implements CamelConfiguration {

    @BindToRegistry
    public Templates templates() {
        return new Templates(Path.of("routes", "templates"));
    }
}
