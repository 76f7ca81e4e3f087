package io.tableaurelay.action;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slack's interactivity request URL, for the buttons of the Slack template when slack.signing-secret is set: a click
 * comes as a form with one field, {@code payload} (JSON: the button's value, which is the action link, the user, the
 * message and a {@code response_url}). {@link #receive} checks Slack's signature and answers at once; {@link #act}
 * then does what the link says, as the link's POST would, and replaces the message through its response_url with
 * the same message, its buttons replaced by one line: "Muted until it recovers by @ana at 14:05 UTC".
 */
public final class SlackInteractions {

    static final String CLICK = "slackClick";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration UPDATE_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(SlackInteractions.class);

    private final SlackSignature signature;
    private final LinkSigner links;
    private final ActionTaker taker;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(UPDATE_TIMEOUT).build();

    SlackInteractions(SlackSignature signature, LinkSigner links, ActionTaker taker, Clock clock) {
        this.signature = signature;
        this.links = links;
        this.taker = taker;
        this.clock = clock;
    }

    /** The route exists only with actions on and slack.signing-secret set. */
    public boolean isOn() {
        return signature != null;
    }

    /** Checks Slack's signature (else {@link SlackRequestRefused}), keeps the click for {@link #act}, answers 200. */
    public void receive(Exchange exchange) {
        Message message = exchange.getMessage();
        byte[] body = message.getBody(byte[].class);
        signature.check(message.getHeader("X-Slack-Request-Timestamp", String.class),
                message.getHeader("X-Slack-Signature", String.class), body == null ? new byte[0] : body,
                clock.instant());
        exchange.setProperty(CLICK, payload(new String(body, StandardCharsets.UTF_8)));
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        message.setBody("");
    }

    /** Does what the clicked button's link says and replaces the message; a refused link is said in place of it. */
    public void act(Exchange exchange) {
        JsonNode click = exchange.getProperty(CLICK, JsonNode.class);
        String value = click.path("actions").path(0).path("value").asText("");
        String who = who(click.path("user"));
        String by = who + " in Slack";
        exchange.setProperty(ActionPages.BY, by);
        String line;
        try {
            ActionLink link = links.read(value.substring(value.lastIndexOf('/') + 1), clock.instant());
            exchange.setProperty(ActionPages.ACTION, link.action().id());
            exchange.setProperty(ActionPages.ITEM, link.itemInWords());
            ActionTaker.Done done = taker.take(link, by);
            exchange.setProperty(ActionPages.OUTCOME, done.outcome());
            exchange.setProperty(ActionPages.DETAIL, done.detail());
            line = done.title() + " by " + who + " at " + Pages.timeOfDay(clock.instant())
                    + (done.worked() ? "" : ": " + done.detail());
        } catch (LinkSigner.BadLink e) {
            exchange.setProperty(ActionPages.ACTION, "unknown");
            exchange.setProperty(ActionPages.ITEM, "a button it refused");
            exchange.setProperty(ActionPages.OUTCOME, "refused");
            exchange.setProperty(ActionPages.DETAIL, e.getMessage());
            line = e.getMessage();
        }
        update(click, line);
    }

    /** "@ana" (Slack's user name), else the user's name or id. */
    private static String who(JsonNode user) {
        String name = user.path("username").asText(user.path("name").asText(""));
        return name.isEmpty() ? "<@" + user.path("id").asText("someone") + ">" : "@" + name;
    }

    /** The message as it was, its buttons replaced by the line, through the click's response_url. */
    private void update(JsonNode click, String line) {
        String responseUrl = click.path("response_url").asText("");
        if (!responseUrl.startsWith("https://") && !responseUrl.startsWith("http://")) {
            LOG.warn("A Slack click without a response_url: its message is not updated");
            return;
        }
        ObjectNode update = JsonNodeFactory.instance.objectNode();
        update.put("replace_original", true);
        update.put("text", click.path("message").path("text").asText(line));
        ArrayNode blocks = update.putArray("blocks");
        click.path("message").path("blocks").forEach(block -> {
            if (!"actions".equals(block.path("type").asText())) {
                blocks.add(block);
            }
        });
        ObjectNode context = blocks.addObject().put("type", "context");
        context.putArray("elements").addObject().put("type", "mrkdwn").put("text", mrkdwn(line));
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(responseUrl))
                    .timeout(UPDATE_TIMEOUT).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(update.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() >= 300) {
                LOG.warn("Slack did not update the message: HTTP {} {}", answer.statusCode(), answer.body());
            }
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("Slack did not update the message: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The JSON of the form's {@code payload} field. */
    private static JsonNode payload(String form) {
        for (String field : form.split("&")) {
            if (field.startsWith("payload=")) {
                try {
                    return JSON.readTree(URLDecoder.decode(field.substring("payload=".length()), StandardCharsets.UTF_8));
                } catch (IOException | IllegalArgumentException e) {
                    throw new SlackRequestRefused(400, "payload is not JSON");
                }
            }
        }
        throw new SlackRequestRefused(400, "no payload");
    }

    private static String mrkdwn(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
