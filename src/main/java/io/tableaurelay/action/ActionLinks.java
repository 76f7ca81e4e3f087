package io.tableaurelay.action;

import java.time.Clock;
import java.util.Optional;
import java.util.regex.Pattern;

import io.tableaurelay.event.HeaderNames;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The links a message about a failed refresh offers (refresh now, mute until it recovers, snooze), each signed for the
 * item, its site, the channel and actions.link-ttl. The channel route puts them into the headers {@code refreshLink},
 * {@code muteLink}, {@code snoozeLink} and {@code snoozeFor}; "" when actions are off.
 */
public final class ActionLinks {

    static final String PATH = "/actions/";
    private static final Pattern LUID = Pattern.compile("[0-9A-Za-z-]{1,64}");

    private final ActionSettings settings;
    private final LinkSigner signer;
    private final Clock clock;

    ActionLinks(ActionSettings settings, LinkSigner signer, Clock clock) {
        this.settings = settings;
        this.signer = signer;
        this.clock = clock;
    }

    public void offer(Exchange exchange) {
        Message message = exchange.getMessage();
        String channel = String.valueOf(exchange.getFromRouteId());
        Optional<String> collection = collection(message.getHeader(HeaderNames.EVENT_TYPE, String.class));
        String site = message.getHeader(HeaderNames.SITE_LUID, "", String.class);
        String item = message.getHeader(HeaderNames.RESOURCE_LUID, "", String.class);
        boolean offered = settings.isOn() && collection.isPresent() && LUID.matcher(site).matches()
                && LUID.matcher(item).matches();
        String name = message.getHeader(HeaderNames.RESOURCE_NAME, "", String.class);
        for (Action action : Action.values()) {
            message.setHeader(header(action), offered ? link(new ActionLink(action, channel, site, collection.get(),
                    item, name, clock.instant().plus(settings.linkTtl()))) : "");
        }
        message.setHeader(HeaderNames.SNOOZE_FOR, offered ? settings.snoozeInWords() : "");
        message.setHeader(HeaderNames.ACTION_BUTTONS, offered && settings.slackButtons() ? "true" : "");
    }

    private String link(ActionLink link) {
        return settings.baseUrl() + PATH + signer.token(link);
    }

    private static String header(Action action) {
        return switch (action) {
            case REFRESH -> HeaderNames.REFRESH_LINK;
            case MUTE -> HeaderNames.MUTE_LINK;
            case SNOOZE -> HeaderNames.SNOOZE_LINK;
        };
    }

    /** The REST collection of the item whose refresh failed. */
    static Optional<String> collection(String eventType) {
        if (eventType == null || !eventType.endsWith("RefreshFailed")) {
            return Optional.empty();
        }
        return eventType.startsWith("Workbook") ? Optional.of("workbooks")
                : eventType.startsWith("Datasource") ? Optional.of("datasources") : Optional.empty();
    }
}
