package io.tableaurelay.support;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/**
 * Everything the relay logs while it is open, one line per log event: either as logged ({@link #capture()},
 * level, message and any exception with its causes, before anything is masked) or as the console prints it
 * ({@link #printed()}, through the layout of log4j2.properties with its {@code %mask}).
 */
public final class CapturedLog extends AbstractAppender implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Function<LogEvent, String> render;

    private CapturedLog(Function<LogEvent, String> render) {
        super("captured-" + System.nanoTime(), null, null, true, Property.EMPTY_ARRAY);
        this.render = render;
    }

    /** What the relay logs, before the printed layout masks secrets. */
    public static CapturedLog capture() {
        return attach(new CapturedLog(CapturedLog::asLogged));
    }

    /** What an operator, or a log collector, sees on the console. */
    public static CapturedLog printed() {
        Layout<?> console = context().getConfiguration().getAppender("console").getLayout();
        return attach(new CapturedLog(event -> new String(console.toByteArray(event), StandardCharsets.UTF_8)));
    }

    private static CapturedLog attach(CapturedLog log) {
        log.start();
        LoggerContext context = context();
        context.getConfiguration().getRootLogger().addAppender(log, null, null);
        context.updateLoggers();
        return log;
    }

    @Override
    public void append(LogEvent event) {
        lines.add(render.apply(event));
    }

    private static String asLogged(LogEvent event) {
        String line = event.getLevel() + " " + event.getMessage().getFormattedMessage();
        return event.getThrown() == null ? line : line + " " + causes(event.getThrown());
    }

    /** The exception and all its causes, so that a check for a secret sees them all. */
    private static String causes(Throwable thrown) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            text.append(cause).append(' ');
        }
        return text.toString().trim();
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    public String text() {
        return String.join("\n", lines);
    }

    public boolean contains(String text) {
        return lines.stream().anyMatch(line -> line.contains(text));
    }

    @Override
    public void close() {
        LoggerContext context = context();
        context.getConfiguration().getRootLogger().removeAppender(getName());
        context.updateLoggers();
        stop();
    }

    private static LoggerContext context() {
        return (LoggerContext) LogManager.getContext(false);
    }
}
