import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the relay's log says in brief: its ERROR and WARN lines, and whether it ran out of memory. */
record LogSummary(long errors, long warnings, boolean outOfMemory) {

    /** Where the level stands in a line of the relay's pattern, "HH:mm:ss.SSS LEVEL [thread] ...". */
    private static final int LEVEL_AT = "HH:mm:ss.SSS ".length();

    static LogSummary of(Path log) {
        long errors = 0;
        long warnings = 0;
        boolean outOfMemory = false;
        // InputStreamReader replaces bytes that are not UTF-8 instead of failing
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(Files.newInputStream(log),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("ERROR", LEVEL_AT)) {
                    errors++;
                } else if (line.startsWith("WARN", LEVEL_AT)) {
                    warnings++;
                }
                outOfMemory |= line.contains("OutOfMemoryError");
            }
        } catch (IOException e) {
            return new LogSummary(-1, -1, false);
        }
        return new LogSummary(errors, warnings, outOfMemory);
    }
}
