package io.tableaurelay.operations;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the delivery log across restarts in {@code delivery-log.json} under {@code relay.data-dir}: read at
 * startup, written when it changed (every {@link #SAVE_EVERY_SECONDS} seconds) and when the relay stops. A kill -9
 * loses at most the last few seconds of the log, never an event: the log only tells what happened.
 */
final class DeliveryLogFile {

    static final int SAVE_EVERY_SECONDS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryLogFile.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<DeliveryRecord>> RECORDS = new TypeReference<>() {
    };

    private final Path file;
    private final DeliveryLog log;
    private long savedVersion;

    DeliveryLogFile(Path dataDir, DeliveryLog log) {
        this.file = dataDir.toAbsolutePath().resolve("delivery-log.json");
        this.log = log;
    }

    /** Fills the log from the file, if there is one; a file that cannot be read is logged and left alone. */
    void load() {
        if (!Files.exists(file)) {
            return;
        }
        try {
            log.restore(JSON.readValue(file.toFile(), RECORDS));
            savedVersion = log.version();
        } catch (IOException e) {
            LOG.warn("The delivery log starts empty: could not read {}: {}", file, e.getMessage());
        }
    }

    /** Writes the log when it changed since the last write: to a new file first, then moved over the old one. */
    synchronized void saveIfChanged() {
        long version = log.version();
        if (version == savedVersion) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Path next = file.resolveSibling(file.getFileName() + ".next");
            JSON.writeValue(next.toFile(), log.oldestFirst());
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            savedVersion = version;
        } catch (IOException e) {
            LOG.warn("Could not write the delivery log to {}: {}", file, e.getMessage());
        }
    }
}
