package io.tableaurelay.registration;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/** Every log line written while it is open (level, message and any exception), to check what was logged. */
final class CapturedLog implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final AbstractAppender appender;

    CapturedLog() {
        appender = new AbstractAppender("captured-" + System.nanoTime(), null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                String thrown = event.getThrown() == null ? "" : " " + stackText(event.getThrown());
                lines.add(event.getLevel() + " " + event.getMessage().getFormattedMessage() + thrown);
            }
        };
        appender.start();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().addAppender(appender, null, null);
        context.updateLoggers();
    }

    private static String stackText(Throwable thrown) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            text.append(cause).append(' ');
        }
        return text.toString();
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    boolean contains(String text) {
        return lines.stream().anyMatch(line -> line.contains(text));
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().removeAppender(appender.getName());
        context.updateLoggers();
        appender.stop();
    }
}
