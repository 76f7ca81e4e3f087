package io.tableaurelay.broker;

import java.util.Enumeration;
import java.util.function.Predicate;

import jakarta.jms.JMSException;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

/** New messages made from stored ones, to be sent again: a dead letter replayed, a held event sent on alone. */
public final class MessageCopies {

    private MessageCopies() {
    }

    /**
     * A new text message with the stored one's text and the properties that {@code keep} accepts; never the JMS
     * headers or the broker's own ({@code JMS*}, {@code _AMQ*}: a duplicate id, a scheduled time), which belong to
     * the stored message.
     */
    public static TextMessage copy(Session session, TextMessage stored, Predicate<String> keep) throws JMSException {
        TextMessage copy = session.createTextMessage(stored.getText());
        for (Enumeration<?> names = stored.getPropertyNames(); names.hasMoreElements(); ) {
            String name = (String) names.nextElement();
            if (!name.startsWith("JMS") && !name.startsWith("_AMQ") && keep.test(name)) {
                copy.setObjectProperty(name, stored.getObjectProperty(name));
            }
        }
        return copy;
    }
}
