package io.tableaurelay.storm;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One maintenance window: every week on a day ({@code Sun 02:00-04:00 Europe/Berlin}) or on one date
 * ({@code 2026-12-24 18:00-23:00 UTC}), from a time to a time in a zone; an end before the start is on the next day.
 */
record MaintenanceWindow(DayOfWeek day, LocalDate date, LocalTime from, LocalTime to, ZoneId zone, String text) {

    private static final Pattern FORM = Pattern.compile(
            "(?<day>[A-Za-z]{3}|\\d{4}-\\d{2}-\\d{2})\\s+(?<from>\\d{1,2}:\\d{2})-(?<to>\\d{1,2}:\\d{2})\\s+(?<zone>\\S+)");

    static MaintenanceWindow parse(String text) {
        Matcher form = FORM.matcher(text.strip());
        if (!form.matches()) {
            throw new IllegalArgumentException("a maintenance window is written like 'Sun 02:00-04:00 Europe/Berlin' or "
                    + "'2026-12-24 18:00-23:00 UTC', not '" + text.strip() + "'");
        }
        try {
            String day = form.group("day");
            LocalTime from = LocalTime.parse(pad(form.group("from")));
            LocalTime to = LocalTime.parse(pad(form.group("to")));
            ZoneId zone = ZoneId.of(form.group("zone"));
            return day.length() == 3 ? new MaintenanceWindow(dayOfWeek(day), null, from, to, zone, text.strip())
                    : new MaintenanceWindow(null, LocalDate.parse(day), from, to, zone, text.strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + text.strip() + "' is not a maintenance window: " + e.getMessage());
        }
    }

    /** The end of this window when {@code now} is inside it (an occurrence that started on that day or the day before). */
    Optional<Instant> endIfIn(Instant now) {
        LocalDate today = now.atZone(zone).toLocalDate();
        for (LocalDate start : new LocalDate[] {today, today.minusDays(1)}) {
            if (startsOn(start)) {
                ZonedDateTime begin = start.atTime(from).atZone(zone);
                ZonedDateTime end = (to.isAfter(from) ? start : start.plusDays(1)).atTime(to).atZone(zone);
                if (!now.isBefore(begin.toInstant()) && now.isBefore(end.toInstant())) {
                    return Optional.of(end.toInstant());
                }
            }
        }
        return Optional.empty();
    }

    /** "02:00-04:00", as a summary names the window. */
    String label() {
        return from + "-" + to;
    }

    private boolean startsOn(LocalDate day) {
        return date != null ? date.equals(day) : day.getDayOfWeek() == this.day;
    }

    private static DayOfWeek dayOfWeek(String name) {
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).equalsIgnoreCase(name)) {
                return day;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not a day: Mon, Tue, Wed, Thu, Fri, Sat or Sun");
    }

    private static String pad(String time) {
        return time.length() == 4 ? "0" + time : time;
    }
}
