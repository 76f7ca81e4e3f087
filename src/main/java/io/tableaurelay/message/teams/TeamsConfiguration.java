package io.tableaurelay.message.teams;

import io.tableaurelay.message.Templates;
import io.tableaurelay.message.http.HttpRequests;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;

/** Teams messages: {@code teamsMessages}. */
public class TeamsConfiguration implements CamelConfiguration {

    @BindToRegistry(lazy = true)
    public TeamsMessages teamsMessages(@BeanInject("templates") Templates templates,
            @BeanInject("httpRequests") HttpRequests requests) {
        return new TeamsMessages(templates, requests);
    }
}
