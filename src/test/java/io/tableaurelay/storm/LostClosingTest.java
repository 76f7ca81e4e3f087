package io.tableaurelay.storm;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.tableaurelay.event.HeaderNames;
import io.tableaurelay.support.ChannelStandIn;
import io.tableaurelay.support.Events;
import io.tableaurelay.support.Received;
import io.tableaurelay.support.RunningRelay;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jms.core.JmsTemplate;

import static io.tableaurelay.support.ChannelStandIn.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** An event held for a group whose closing was lost is still sent: the sweep finds it once its time is well past. */
@Tag("relay")
class LostClosingTest {

    @RegisterExtension
    final ChannelStandIn receiver = new ChannelStandIn();

    @Test
    void anEventHeldWithoutAClosingGoesOutAfterTheSweep() {
        try (RunningRelay relay = RunningRelay.start(Map.of(
                "forward.url", receiver.base() + ChannelStandIn.FORWARD_HOOK,
                "forward.group-wait", "1s",
                "group-sweep-interval", "2s"))) {
            // what a rolled-back closing leaves behind: an event in forward.held, and nothing on groups.close
            String event = """
                    {"id": "lost-closing-event", "eventType": "WorkbookRefreshFailed", "resource": "EXTRACTS",
                     "resourceName": "Left behind", "receivedAt": "%s"}""".formatted(Instant.now());
            ConnectionFactory broker = relay.context().getRegistry()
                    .lookupByNameAndType("brokerConnections", ConnectionFactory.class);
            new JmsTemplate(broker).send("forward.held", session -> {
                TextMessage held = session.createTextMessage(event);
                held.setStringProperty("eventId", "lost-closing-event");
                held.setStringProperty("eventType", "WorkbookRefreshFailed");
                held.setStringProperty(HeaderNames.GROUP_KEY, "a-group-whose-closing-was-lost");
                held.setBooleanProperty("heldAsFold", false);
                return held;
            });

            List<String> ids = await("the held event at the receiver", Duration.ofSeconds(30),
                    () -> Received.forwardedEventIds(receiver.forward()), list -> !list.isEmpty());
            assertEquals(List.of("lost-closing-event"), ids);
            assertEquals("Left behind", Received.json(receiver.forward().get(0)).path("item").path("name").asText());
        }
    }
}
