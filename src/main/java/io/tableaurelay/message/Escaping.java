package io.tableaurelay.message;

import java.util.function.UnaryOperator;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * How a kind of message escapes the values it puts in its template, so that no item name can inject markup or
 * mentions: its text, and its link (escaped on its own, as a link ends differently from text).
 */
public record Escaping(UnaryOperator<String> link, UnaryOperator<String> text) {

    /** Values as they are: plain text (an SMS, an e-mail's subject and text part). */
    public static final Escaping PLAIN = new Escaping(UnaryOperator.identity(), UnaryOperator.identity());
    /** Inside a JSON string (IFTTT, forward). */
    public static final Escaping JSON = new Escaping(Escaping::json, Escaping::json);

    /** The same text escaped as a JSON string's content. */
    public static String json(String text) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(text));
    }

    /** This kind's escaping, then a JSON string's (a kind whose markup is carried in JSON: Slack, Teams). */
    public static Escaping inJson(UnaryOperator<String> link, UnaryOperator<String> text) {
        return new Escaping(value -> json(link.apply(value)), value -> json(text.apply(value)));
    }
}
