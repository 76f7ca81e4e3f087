package io.tableaurelay.action;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

/**
 * The items muted or snoozed now, kept in the broker: one persistent message per item on the queue {@code relay.mutes},
 * with the item's key as its property {@code item}. Every relay instance on the broker reads the same queue, and it
 * survives restarts like the events do. Muting replaces the item's message; lifting takes it off the queue.
 */
public final class ItemMutes {

    static final String QUEUE = "relay.mutes";
    private static final Pattern KEY = Pattern.compile("[0-9A-Za-z-]{1,64}/[0-9A-Za-z-]{1,64}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConnectionFactory broker;

    ItemMutes(ConnectionFactory broker) {
        this.broker = broker;
    }

    void mute(Mute mute) {
        String key = checked(mute.item());
        inSession(session -> {
            take(session, key);
            try (MessageProducer producer = session.createProducer(session.createQueue(QUEUE))) {
                TextMessage message = session.createTextMessage(mute.toJson().toString());
                message.setStringProperty("item", key);
                producer.send(message, DeliveryMode.PERSISTENT, Message.DEFAULT_PRIORITY, 0);
            }
            return null;
        });
    }

    /** Lifts the item's mute; the mute it lifted, if there was one. */
    public Optional<Mute> lift(String item) {
        String key = checked(item);
        return inSession(session -> take(session, key));
    }

    /** The item's mute, if it has one (ended or not). */
    Optional<Mute> of(String item) {
        if (item == null || !KEY.matcher(item).matches()) {
            return Optional.empty();
        }
        List<Mute> found = browse("item = '" + item + "'");
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(found.size() - 1));
    }

    /** Every mute on the queue, oldest first (snoozes whose time is over included, until their item's next event). */
    public List<Mute> all() {
        return browse(null);
    }

    private List<Mute> browse(String selector) {
        return inSession(session -> {
            List<Mute> mutes = new ArrayList<>();
            Queue queue = session.createQueue(QUEUE);
            try (QueueBrowser browser = selector == null ? session.createBrowser(queue)
                    : session.createBrowser(queue, selector)) {
                Enumeration<?> messages = browser.getEnumeration();
                while (messages.hasMoreElements()) {
                    mutes.add(read((Message) messages.nextElement()));
                }
            }
            return mutes;
        });
    }

    /** Takes the item's messages off the queue; the last of them, if any. */
    private static Optional<Mute> take(Session session, String key) throws JMSException {
        Mute last = null;
        try (MessageConsumer consumer = session.createConsumer(session.createQueue(QUEUE), "item = '" + key + "'")) {
            for (Message message = consumer.receiveNoWait(); message != null; message = consumer.receiveNoWait()) {
                last = read(message);
            }
        }
        return Optional.ofNullable(last);
    }

    private static Mute read(Message message) throws JMSException {
        try {
            return Mute.fromJson(JSON.readTree(((TextMessage) message).getText()));
        } catch (IOException e) {
            throw new IllegalStateException("a message on " + QUEUE + " is not a mute", e);
        }
    }

    /** Whether the text is an item's key ({site LUID}/{item LUID}), as an admin names the mute to lift. */
    public static boolean isKey(String key) {
        return key != null && KEY.matcher(key).matches();
    }

    private static String checked(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("not an item's key: " + key);
        }
        return key;
    }

    private <T> T inSession(Work<T> work) {
        try (Connection connection = broker.createConnection();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            connection.start();
            return work.in(session);
        } catch (JMSException e) {
            throw new IllegalStateException("the broker did not answer about mutes: " + e.getMessage(), e);
        }
    }

    private interface Work<T> {
        T in(Session session) throws JMSException;
    }
}
