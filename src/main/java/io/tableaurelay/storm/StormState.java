package io.tableaurelay.storm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * What the storm handling must remember across restarts and crashes, in one file of H2's MVStore
 * ({@code storms.mv} under relay.data-dir): each item's latest outcome, and each recipient's count against a cap.
 * Every change is written to the file before the relay goes on, so a crash of the relay (kill -9) loses none; the
 * file is synced to the disk at most a second later ({@link #sync()}), so a power cut loses at most the last second
 * of changes: a repeat sent as a first failure, a message more under a cap. No event is lost with them: events live
 * in the broker. (Open groups live in the broker too.)
 */
public final class StormState implements AutoCloseable {

    private final MVStore store;
    private final MVMap<String, String> items;
    private final MVMap<String, String> caps;

    public StormState(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("relay.data-dir cannot be created: " + e.getMessage(), e);
        }
        this.store = new MVStore.Builder().fileName(dataDir.resolve("storms.mv").toString()).autoCommitDisabled().open();
        this.items = store.openMap("items");
        this.caps = store.openMap("caps");
    }

    Optional<String> item(String key) {
        return Optional.ofNullable(items.get(key));
    }

    synchronized void item(String key, String value) {
        items.put(key, value);
        durable();
    }

    Optional<String> cap(String key) {
        return Optional.ofNullable(caps.get(key));
    }

    synchronized void cap(String key, String value) {
        caps.put(key, value);
        durable();
    }

    private void durable() {
        store.commit();
    }

    /** Forces what was written to the disk; the relay calls it every second. */
    public synchronized void sync() {
        if (!store.isClosed()) {
            store.sync();
        }
    }

    @Override
    public synchronized void close() {
        store.close();
    }
}
