package io.tableaurelay.message.slack;

import io.tableaurelay.message.Templates;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.component.slack.SlackComponent;

/** Slack messages: {@code slackMessages}, and the {@code slack} component, made only when a Slack channel is on. */
public class SlackConfiguration implements CamelConfiguration {

    @BindToRegistry(lazy = true)
    public SlackMessages slackMessages(@BeanInject("templates") Templates templates) {
        return new SlackMessages(templates);
    }

    @BindToRegistry(value = "slack", lazy = true)
    public SlackComponent slack() {
        return new SlackComponentWithFailures();
    }
}
