package io.tableaurelay.message.slack;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.slack.api.model.Message;
import com.slack.api.util.json.GsonFactory;

/** Reads a rendered Slack template (Block Kit JSON with a {@code text} fallback) into a Slack message. */
public class SlackMessages {

    private static final Gson SLACK_JSON = GsonFactory.createSnakeCase();

    public Message fromJson(String json) {
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
}
