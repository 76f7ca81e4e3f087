package io.tableaurelay.message.slack;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.component.slack.SlackComponent;

/** Slack messages: {@code slackMessages}, and the {@code slack} component, made only when a Slack channel is on. */
public class SlackConfiguration implements CamelConfiguration {

    @BindToRegistry
    public SlackMessages slackMessages() {
        return new SlackMessages();
    }

    @BindToRegistry(value = "slack", lazy = true)
    public SlackComponent slack() {
        return new SlackComponentWithFailures();
    }
}
