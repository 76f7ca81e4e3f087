package io.tableaurelay.message.slack;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.slack.api.model.Message;
import com.slack.api.util.json.GsonFactory;
import io.tableaurelay.message.Escaping;
import io.tableaurelay.message.MessageFields;
import io.tableaurelay.message.Templates;
import org.apache.camel.Exchange;

/**
 * A Slack message: the channel's Block Kit template (with a {@code text} fallback) filled with values escaped for
 * Slack's mrkdwn and JSON, read into the message camel-slack posts.
 */
public class SlackMessages {

    /** mrkdwn, then JSON. The link also loses any {@code |}, which ends Slack's address. */
    public static final Escaping ESCAPING = Escaping.inJson(link -> mrkdwn(link.replace("|", "%7C")), SlackMessages::mrkdwn);
    private static final Gson SLACK_JSON = GsonFactory.createSnakeCase();

    private final Templates templates;
    private final MessageFields fields = new MessageFields(ESCAPING);

    public SlackMessages(Templates templates) {
        this.templates = templates;
    }

    public Message render(Exchange exchange) {
        return fromJson(templates.render(exchange, fields));
    }

    static Message fromJson(String json) {
        try {
            Message message = SLACK_JSON.fromJson(json, Message.class);
            if (message == null || message.getText() == null || message.getText().isBlank()) {
                throw new IllegalArgumentException("the Slack template must give a \"text\" fallback");
            }
            return message;
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("the Slack template did not render to valid JSON", e);
        }
    }

    /** Slack's mrkdwn treats these three as markup; escaped, a name like {@code <!channel>} pings no one. */
    static String mrkdwn(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
