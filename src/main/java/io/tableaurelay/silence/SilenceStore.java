package io.tableaurelay.silence;

import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.TextMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.InvalidDestinationException;
import org.springframework.jms.core.JmsTemplate;

/**
 * The silences, kept in the broker so that they survive a restart and every instance on the broker shares them: one
 * persistent message per silence on the queue {@value #QUEUE}, with the silence's id as {@value #ID}. A change takes
 * the silence's message and puts the new one in its place in one transaction, then says so on the topic
 * {@value #CHANGED}, on which every instance reloads them (routes/silences.yaml).
 */
final class SilenceStore {

    static final String QUEUE = "relay.silences";
    static final String CHANGED = "relay.silences.changed";
    static final String ID = "silenceId";
    private static final long RECEIVE_TIMEOUT_MILLIS = 2000;
    private static final Logger LOG = LoggerFactory.getLogger(SilenceStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JmsTemplate queue;
    private final JmsTemplate topic;

    SilenceStore(ConnectionFactory broker) {
        queue = new JmsTemplate(broker);
        queue.setSessionTransacted(true);
        topic = new JmsTemplate(broker);
        topic.setPubSubDomain(true);
    }

    /** Every silence the broker keeps. */
    List<Silence> all() {
        try {
            return queue.browse(QUEUE, (session, browser) -> {
                List<Silence> silences = new ArrayList<>();
                Enumeration<?> messages = browser.getEnumeration();
                while (messages.hasMoreElements()) {
                    Silence silence = read((Message) messages.nextElement());
                    if (silence != null) {
                        silences.add(silence);
                    }
                }
                return silences;
            });
        } catch (InvalidDestinationException e) {
            return List.of();
        }
    }

    /** Stores a new silence. */
    void add(Silence silence) {
        queue.execute(session -> {
            session.createProducer(session.createQueue(QUEUE)).send(message(session, silence));
            session.commit();
            return null;
        }, true);
        changed();
    }

    /** Puts {@code silence} in the place of the stored one with its id (null: removes that one). */
    void replace(String id, Silence silence) {
        queue.execute(session -> {
            MessageConsumer consumer = session.createConsumer(session.createQueue(QUEUE), ID + " = '" + id + "'");
            consumer.receive(RECEIVE_TIMEOUT_MILLIS);
            if (silence != null) {
                session.createProducer(session.createQueue(QUEUE)).send(message(session, silence));
            }
            session.commit();
            consumer.close();
            return null;
        }, true);
        changed();
    }

    private void changed() {
        topic.convertAndSend(CHANGED, "changed");
    }

    private static TextMessage message(jakarta.jms.Session session, Silence silence) throws jakarta.jms.JMSException {
        try {
            TextMessage message = session.createTextMessage(JSON.writeValueAsString(silence.asMap()));
            message.setStringProperty(ID, silence.id());
            return message;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Silence read(Message message) throws jakarta.jms.JMSException {
        try {
            Silence silence = SilenceJson.stored(JSON.readTree(((TextMessage) message).getText()));
            if (silence == null) {
                LOG.warn("A message on {} is not a silence; left as it is", QUEUE);
            }
            return silence;
        } catch (JsonProcessingException | ClassCastException e) {
            LOG.warn("A message on {} is not a silence; left as it is", QUEUE);
            return null;
        }
    }
}
