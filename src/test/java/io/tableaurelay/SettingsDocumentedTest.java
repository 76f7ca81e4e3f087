package io.tableaurelay;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Defaults in one place: every setting docs/settings.md lists is a key of application.properties with the same
 * default, and every key of application.properties is listed there. Reads the two files from the working directory
 * (the repository's root under Maven); starts nothing.
 *
 * <p>docs/settings.md lists settings in tables whose first header cell is {@code setting}. In a table whose second
 * header cell is {@code default}, a row is {@code | `name` | `default` | meaning |}, the default cell empty when the
 * file leaves the setting empty. In any other such table (the settings every shipped channel has), the columns
 * between the first and {@code meaning} are named by channel prefixes, and a row is
 * {@code | `<channel>.suffix` | `slack default` | `twilio default` | ... | meaning |}. A value the file reads from
 * the environment first, {@code {{env:NAME:default}}}, is compared by its default.
 */
class SettingsDocumentedTest {

    private static final Path PROPERTIES = Path.of("application.properties");
    private static final Path PAGE = Path.of("docs", "settings.md");
    private static final String CHANNEL = "<channel>.";
    private static final Pattern ENVIRONMENT_FIRST = Pattern.compile("\\{\\{env:[^:}]+:(.*)}}");
    private static final Pattern QUOTED = Pattern.compile("`([^`]*)`");
    private static final Pattern SEPARATOR = Pattern.compile("\\|(\\s*:?-+:?\\s*\\|)+");

    @Test
    void docsListEverySettingWithTheDefaultOfApplicationProperties() throws IOException {
        List<String> problems = new ArrayList<>();
        Map<String, String> file = properties(problems);
        Map<String, String> page = documented(problems);

        page.forEach((name, value) -> {
            if (!file.containsKey(name)) {
                problems.add(name + ": listed in " + PAGE + " (default '" + value + "'), not a key of " + PROPERTIES);
            } else if (!file.get(name).equals(value)) {
                problems.add(name + ": " + PAGE + " says '" + value + "', " + PROPERTIES + " '" + file.get(name) + "'");
            }
        });
        file.forEach((name, value) -> {
            if (!page.containsKey(name)) {
                problems.add(name + ": in " + PROPERTIES + " (default '" + value + "'), not listed in " + PAGE);
            }
        });

        assertTrue(problems.isEmpty(), () -> problems.size() + " mismatch(es) between " + PAGE + " and " + PROPERTIES
                + " (the file's value is the default):\n  "
                + String.join("\n  ", problems));
    }

    /** The file's settings in their order, each with its default; a key set twice is a problem. */
    private static Map<String, String> properties(List<String> problems) throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        Properties reader = new Properties() {
            @Override
            public synchronized Object put(Object key, Object value) {
                if (settings.put((String) key, defaultOf(((String) value).strip())) != null) {
                    problems.add(key + ": set more than once in " + PROPERTIES);
                }
                return super.put(key, value);
            }
        };
        try (Reader in = Files.newBufferedReader(PROPERTIES, StandardCharsets.UTF_8)) {
            reader.load(in);
        }
        return settings;
    }

    private static String defaultOf(String value) {
        Matcher environmentFirst = ENVIRONMENT_FIRST.matcher(value);
        return environmentFirst.matches() ? environmentFirst.group(1) : value;
    }

    /** The settings the page's tables list, each with the default the page gives it. */
    private static Map<String, String> documented(List<String> problems) throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(PAGE, StandardCharsets.UTF_8);
        List<String> header = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.startsWith("|")) {
                header = null;
                continue;
            }
            List<String> cells = cells(line);
            if (header == null) {
                header = cells;
                continue;
            }
            if (SEPARATOR.matcher(line).matches() || !header.get(0).equals("setting")) {
                continue;
            }
            String where = PAGE + " line " + (i + 1) + ": ";
            if (cells.size() != header.size()) {
                problems.add(where + cells.size() + " cells in a table of " + header.size() + " columns");
                continue;
            }
            Matcher name = QUOTED.matcher(cells.get(0));
            if (!name.matches()) {
                problems.add(where + "the first cell should be one `setting`, not: " + cells.get(0));
                continue;
            }
            if (header.get(1).equals("default")) {
                add(settings, name.group(1), cells.get(1), where, problems);
            } else if (!name.group(1).startsWith(CHANNEL)) {
                problems.add(where + "in the channels' table a setting should start with " + CHANNEL + ", not: "
                        + name.group(1));
            } else {
                String suffix = name.group(1).substring(CHANNEL.length());
                for (int column = 1; column < header.size() && !header.get(column).equals("meaning"); column++) {
                    add(settings, header.get(column) + "." + suffix, cells.get(column), where, problems);
                }
            }
        }
        return settings;
    }

    private static void add(Map<String, String> settings, String name, String cell, String where,
            List<String> problems) {
        Matcher quoted = QUOTED.matcher(cell);
        if (!cell.isEmpty() && !quoted.matches()) {
            problems.add(where + "the default of " + name + " should be empty or one `value`, not: " + cell);
            return;
        }
        if (settings.put(name, cell.isEmpty() ? "" : quoted.group(1)) != null) {
            problems.add(where + name + " is listed more than once");
        }
    }

    /** A table row's cells, trimmed; {@code \|} inside a cell is not a border. */
    private static List<String> cells(String row) {
        String inner = row.substring(1, row.endsWith("|") && row.length() > 1 ? row.length() - 1 : row.length());
        return Arrays.stream(inner.split("(?<!\\\\)\\|", -1)).map(String::strip).toList();
    }
}
