package io.tableaurelay.storm;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** A channel's maintenance windows ({@code maintenance.windows}, or its own {@code <channel>.maintenance-windows}). */
record MaintenanceWindows(List<MaintenanceWindow> windows) {

    /** Windows separated by ';' ("Sun 02:00-04:00 Europe/Berlin; 2026-12-24 18:00-23:00 UTC"); empty: none. */
    static MaintenanceWindows parse(String text) {
        return new MaintenanceWindows(Arrays.stream(text.split(";")).map(String::strip).filter(part -> !part.isEmpty())
                .map(MaintenanceWindow::parse).toList());
    }

    /** The window {@code now} is in, if any. */
    Optional<MaintenanceWindow> at(Instant now) {
        return windows.stream().filter(window -> window.endIfIn(now).isPresent()).findFirst();
    }
}
