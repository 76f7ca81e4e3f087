package io.tableaurelay.support;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** One scrape of /observe/metrics (Prometheus text format), read back. */
public final class Metrics {

    private final List<String> lines;

    private Metrics(String text) {
        this.lines = text.lines().filter(line -> !line.startsWith("#") && !line.isBlank()).toList();
    }

    public static Metrics scrape(RunningRelay relay) {
        var response = relay.manage("/observe/metrics");
        if (response.statusCode() != 200) {
            throw new AssertionError("/observe/metrics answered " + response.statusCode() + ": " + response.body());
        }
        return new Metrics(response.body());
    }

    /**
     * The sum of the samples named {@code name} whose labels include {@code labels} ("channel", "slack", ...);
     * 0 when there is none.
     */
    public double value(String name, String... labels) {
        Map<String, String> wanted = Arrays.stream(pairs(labels))
                .collect(Collectors.toMap(pair -> pair[0], pair -> pair[1]));
        return lines.stream()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> wanted.entrySet().stream()
                        .allMatch(label -> line.contains(label.getKey() + "=\"" + label.getValue() + "\"")))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    public boolean has(String name) {
        return lines.stream().anyMatch(line -> line.startsWith(name + "{") || line.startsWith(name + " "));
    }

    /**
     * True when the relay reports the queue ({@code events}, {@code slack}, ...) and it holds no message, retries
     * held back included. A queue the relay does not report, or cannot count (NaN), is not empty.
     */
    public boolean queueEmpty(String queue) {
        return lines.stream().anyMatch(line -> line.startsWith("relay_queue_messages{")
                && line.contains("queue=\"" + queue + "\"")) && value("relay_queue_messages", "queue", queue) == 0;
    }

    public String text() {
        return String.join("\n", lines);
    }

    @Override
    public String toString() {
        return text();
    }

    private static String[][] pairs(String... labels) {
        String[][] pairs = new String[labels.length / 2][];
        for (int i = 0; i < pairs.length; i++) {
            pairs[i] = new String[] {labels[2 * i], labels[2 * i + 1]};
        }
        return pairs;
    }
}
