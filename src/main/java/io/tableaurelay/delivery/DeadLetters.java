package io.tableaurelay.delivery;

import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tableaurelay.broker.MessageCopies;
import io.tableaurelay.channel.Channel;
import io.tableaurelay.event.HeaderNames;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.springframework.jms.InvalidDestinationException;
import org.springframework.jms.core.JmsTemplate;

/**
 * A channel's dead-letter queue ({@code DLQ.slack}, ...): what is in it, and putting their messages
 * back on the channel's queue with a fresh set of attempts. Each message moves in its own transaction, so a
 * crash during a replay loses nothing.
 */
public class DeadLetters {

    private static final long RECEIVE_TIMEOUT_MILLIS = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JmsTemplate jms;

    public DeadLetters(ConnectionFactory connectionFactory) {
        this.jms = new JmsTemplate(connectionFactory);
        this.jms.setSessionTransacted(true);
    }

    /**
     * What waits in one channel's dead-letter queue: event, attempts, last error, the event itself. A queue the
     * broker has not made yet (nothing was dead-lettered) holds nothing.
     */
    public List<Map<String, Object>> list(Channel channel) {
        try {
            return browse(channel);
        } catch (InvalidDestinationException e) {
            return List.of();
        }
    }

    private List<Map<String, Object>> browse(Channel channel) {
        return jms.browse(channel.deadLetters(), (session, browser) -> {
            List<Map<String, Object>> letters = new ArrayList<>();
            Enumeration<?> messages = browser.getEnumeration();
            while (messages.hasMoreElements()) {
                letters.add(describe(channel.id(), (Message) messages.nextElement()));
            }
            return letters;
        });
    }

    /** Moves every message of the channel's dead-letter queue back to the channel; returns how many. */
    public int replay(Channel channel) {
        Integer moved = jms.execute(session -> {
            MessageConsumer consumer = session.createConsumer(session.createQueue(channel.deadLetters()));
            MessageProducer producer = session.createProducer(session.createQueue(channel.queue()));
            int count = 0;
            for (Message letter = consumer.receive(RECEIVE_TIMEOUT_MILLIS); letter != null;
                    letter = consumer.receive(RECEIVE_TIMEOUT_MILLIS)) {
                producer.send(freshCopy(session, letter));
                session.commit();
                count++;
            }
            return count;
        }, true);
        return moved == null ? 0 : moved;
    }

    private static Message freshCopy(Session session, Message letter) throws JMSException {
        return MessageCopies.copy(session, (TextMessage) letter,
                name -> !name.startsWith(HeaderNames.ATTEMPT) && !name.startsWith("delivery"));
    }

    private static Map<String, Object> describe(String channel, Message letter) throws JMSException {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("channel", channel);
        entry.put("id", letter.getJMSMessageID());
        entry.put("eventType", letter.getStringProperty(HeaderNames.EVENT_TYPE));
        entry.put("attempts", letter.getObjectProperty(HeaderNames.ATTEMPT));
        entry.put("lastError", letter.getStringProperty(HeaderNames.LAST_ERROR));
        entry.put("deadLetteredAt", letter.getJMSTimestamp());
        entry.put("event", readEvent(((TextMessage) letter).getText()));
        return entry;
    }

    private static Object readEvent(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return json;
        }
    }
}
