package io.tableaurelay.admin;

import io.tableaurelay.action.ItemMutes;
import io.tableaurelay.channel.Channels;
import io.tableaurelay.delivery.DeadLetters;
import io.tableaurelay.operations.Deliveries;
import io.tableaurelay.operations.DeliveryLog;
import io.tableaurelay.operations.StatusSummary;
import io.tableaurelay.settings.Settings;
import io.tableaurelay.silence.Silences;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/** The admin endpoints and the status page, on the management port. */
public class AdminConfiguration implements CamelConfiguration {

    @BindToRegistry(lazy = true)
    public AdminApi adminApi(CamelContext context, @BeanInject("deadLetters") DeadLetters deadLetters,
            @BeanInject("deliveryLog") DeliveryLog deliveryLog, @BeanInject("statusSummary") StatusSummary status,
            @BeanInject("channels") Channels channels, @BeanInject("itemMutes") ItemMutes mutes,
            @BeanInject("deliveries") Deliveries deliveries, @BeanInject("silences") Silences silences) {
        return new AdminApi(deadLetters, deliveryLog, status, channels, mutes, deliveries, silences,
                new Settings(context));
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        context.addStartupListener(context.getRegistry().lookupByNameAndType("adminApi", AdminApi.class));
    }
}
