package io.tableaurelay.security;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/**
 * Every log line as the relay's console prints it: through the layout of log4j2.properties, with its
 * {@code %mask}, stack traces included. What an operator, or a log collector, would see.
 */
final class PrintedLog extends AbstractAppender implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();

    private PrintedLog(Layout<?> layout) {
        super("printed", null, layout, true, Property.EMPTY_ARRAY);
    }

    static PrintedLog capture() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Layout<?> console = context.getConfiguration().getAppender("console").getLayout();
        PrintedLog log = new PrintedLog(console);
        log.start();
        context.getConfiguration().getRootLogger().addAppender(log, null, null);
        context.updateLoggers();
        return log;
    }

    @Override
    public void append(LogEvent event) {
        lines.add(new String(getLayout().toByteArray(event), java.nio.charset.StandardCharsets.UTF_8));
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    String text() {
        return String.join("", lines);
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().removeAppender(getName());
        context.updateLoggers();
        stop();
    }
}
