package io.tableaurelay.storm;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.tableaurelay.channel.Channel;
import io.tableaurelay.channel.Channels;
import io.tableaurelay.event.HeaderNames;
import io.tableaurelay.settings.Settings;
import org.apache.camel.Exchange;

/**
 * Maintenance windows ({@code maintenance.windows}, or a channel's own {@code <channel>.maintenance-windows}): an
 * event that reaches a channel during one of its windows is held in the channel's {@code <channel>.held}, as a group
 * that closes when the window ends: then the channel sends them all as one message with its group template (one
 * event alone goes out as it came). Held in the broker like any group, so nothing is lost across a crash, and the
 * closing is one message, so the summary goes out once with several instances.
 */
public class Maintenance {

    private static final String WINDOW = "relayMaintenanceWindow";

    private final Channels channels;
    private final Groups groups;
    private final Settings settings;
    private final Clock clock;
    private final Map<String, MaintenanceWindows> windows = new ConcurrentHashMap<>();

    public Maintenance(Channels channels, Groups groups, Settings settings, Clock clock) {
        this.channels = channels;
        this.groups = groups;
        this.settings = settings;
        this.clock = clock;
    }

    /** Reads every channel's windows: one written wrongly stops the relay with a line naming its setting. */
    public void check() {
        channels.all().forEach(channel -> windowsOf(channel.id()));
    }

    /** Whether the single event arrived during one of the channel's maintenance windows. */
    public boolean holds(String channelId, Exchange exchange) {
        Instant now = clock.instant();
        Optional<MaintenanceWindow> window = windowsOf(channelId).at(now);
        window.ifPresent(found -> exchange.setProperty(WINDOW, found));
        return window.isPresent();
    }

    /** Holds the event until its window ends. */
    public void hold(Exchange exchange) {
        MaintenanceWindow window = exchange.getProperty(WINDOW, MaintenanceWindow.class);
        Channel channel = channels.get(exchange.getFromRouteId());
        exchange.getMessage().setHeader(HeaderNames.MAINTENANCE_WINDOW, window.label());
        groups.holdUntil(exchange, GroupKey.maintenance(channel, exchange.getMessage(), window.label()),
                window.endIfIn(clock.instant()).orElseGet(clock::instant));
    }

    private MaintenanceWindows windowsOf(String channelId) {
        return windows.computeIfAbsent(channelId, id -> {
            String name = settings.exists(id + ".maintenance-windows") ? id + ".maintenance-windows" : "maintenance.windows";
            try {
                return MaintenanceWindows.parse(settings.get(name));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Setting " + name + ": " + e.getMessage(), e);
            }
        });
    }
}
