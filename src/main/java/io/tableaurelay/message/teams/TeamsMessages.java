package io.tableaurelay.message.teams;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tableaurelay.message.Escaping;
import io.tableaurelay.message.MessageFields;
import io.tableaurelay.message.Templates;
import io.tableaurelay.message.http.HttpRequests;
import org.apache.camel.Exchange;

/**
 * A Teams message: the channel's Adaptive Card template filled with values escaped for the card's markdown and JSON,
 * posted as JSON to the channel's Workflows webhook.
 */
public class TeamsMessages {

    /**
     * What a card's TextBlock reads as markup: emphasis ({@code *}, {@code _}), links ({@code [..](..)}), code, its
     * {@code {{DATE()}}} functions, and a list marker at the start of a line ({@code - }, {@code + }, {@code 1. }).
     * Nothing else is escaped: not every Teams client undoes an escape, and a date must stay {@code 2026-12-07}.
     */
    private static final Pattern MARKUP = Pattern.compile("([\\\\`*_\\[\\]{}])|(?m)^(\\s*)([-+]|\\d+\\.)(?=\\s)");
    /** The link also loses any {@code )}, which ends markdown's address. */
    public static final Escaping ESCAPING = Escaping.inJson(link -> link.replace(")", "%29"), TeamsMessages::markdown);

    private final Templates templates;
    private final HttpRequests requests;
    private final MessageFields fields = new MessageFields(ESCAPING);

    public TeamsMessages(Templates templates, HttpRequests requests) {
        this.templates = templates;
        this.requests = requests;
    }

    public void render(Exchange exchange) {
        requests.post(exchange, templates.render(exchange, fields));
    }

    /** A backslash before each mark the card would read as markdown. */
    static String markdown(String text) {
        return MARKUP.matcher(text).replaceAll(match -> Matcher.quoteReplacement(match.group(1) != null
                ? "\\" + match.group(1)
                : match.group(2) + listMarker(match.group(3))));
    }

    /** {@code - } and {@code + } escaped as {@code \- }; a number's {@code 1. } as {@code 1\. }. */
    private static String listMarker(String marker) {
        return marker.endsWith(".") ? marker.substring(0, marker.length() - 1) + "\\." : "\\" + marker;
    }
}
