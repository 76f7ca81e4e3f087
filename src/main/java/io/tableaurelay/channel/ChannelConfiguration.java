package io.tableaurelay.channel;

import io.tableaurelay.settings.Settings;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/** The one list of channels, {@code channels}, which learns them as Camel reads the route files. */
public class ChannelConfiguration implements CamelConfiguration {

    @BindToRegistry
    public Channels channels(CamelContext context) {
        return new Channels(new Settings(context));
    }
}
