package io.tableaurelay.action;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The plain HTML pages an action link shows: what it will do with a button, what it did, or why it did nothing. */
final class Pages {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private static final DateTimeFormatter TIME_OF_DAY = DateTimeFormatter.ofPattern("HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Pages() {
    }

    static String time(Instant instant) {
        return TIME.format(instant);
    }

    static String timeOfDay(Instant instant) {
        return TIME_OF_DAY.format(instant);
    }

    /** What the link will do, and a button that posts to the same address: a preview or a mail scanner's GET acts not. */
    static String confirm(String title, String sentence, String button) {
        return page(title, "<p>" + html(sentence) + "</p>\n<form method=\"post\"><button type=\"submit\">"
                + html(button) + "</button></form>");
    }

    static String result(String title, String sentence) {
        return page(title, "<p>" + html(sentence) + "</p>");
    }

    private static String page(String title, String content) {
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><meta name=\"robots\" content=\"noindex\">"
                + "<title>" + html(title) + "</title></head>\n<body style=\"font-family: sans-serif\">\n<h1>"
                + html(title) + "</h1>\n" + content + "\n<p style=\"color: #9e9e9e; font-size: 0.8em\">"
                + "tableau-webhook-relay</p>\n</body></html>\n";
    }

    static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
