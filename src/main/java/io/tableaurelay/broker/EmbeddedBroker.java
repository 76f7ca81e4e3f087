package io.tableaurelay.broker;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;

/**
 * The Artemis broker the relay runs inside its own process when no external broker is configured: queues
 * and journal under the data directory, reached in-VM only. (Public for bench/BrokerAlone.java, which measures it
 * alone.)
 */
public final class EmbeddedBroker {

    private static final AtomicInteger IN_VM_IDS = new AtomicInteger();
    private static final int JOURNAL_BUFFER_TIMEOUT_NANOS = 100_000;
    /**
     * Messages of one queue kept in memory, as the broker estimates their size; past it the queue's newer messages wait
     * in page files on disk (relay.data-dir) and are read back in as the queue drains. Artemis' default would let all
     * queues together fill half of the heap before paging, and it underestimates a message's size: a backlog of a few
     * tens of thousands of events ran the relay out of memory.
     */
    private static final long QUEUE_MEMORY_BYTES = 4L * 1024 * 1024;
    private static final int PAGE_FILE_BYTES = 1024 * 1024;
    private static final int DISK_SCAN_MILLIS = 1000;

    private final EmbeddedActiveMQ server = new EmbeddedActiveMQ();
    private final int inVmId = IN_VM_IDS.getAndIncrement();
    private final DuplicateEvents duplicates;

    public EmbeddedBroker(Path dataDir, int duplicateIdCacheSize, int maxDiskUsagePercent, DuplicateEvents duplicates) {
        this.duplicates = duplicates;
        Path journal = dataDir.toAbsolutePath().resolve("broker");
        Configuration config = new ConfigurationImpl()
                .setName("tableau-webhook-relay")
                .setPersistenceEnabled(true)
                .setSecurityEnabled(false)
                .setJMXManagementEnabled(false)
                // AIO where libaio is installed and the data directory takes direct I/O; the broker falls back to NIO
                .setJournalType(JournalType.ASYNCIO)
                .setJournalDirectory(journal.resolve("journal").toString())
                .setBindingsDirectory(journal.resolve("bindings").toString())
                .setLargeMessagesDirectory(journal.resolve("large-messages").toString())
                .setPagingDirectory(journal.resolve("paging").toString())
                .setIDCacheSize(duplicateIdCacheSize)
                .setMaxDiskUsage(maxDiskUsagePercent)
                .setDiskScanPeriod(DISK_SCAN_MILLIS)
                .setPersistIDCache(true)
                // Every write is synced before the broker answers; writes that come while a sync runs share the
                // next one. Waiting 3.3 ms (NIO's default) before each sync to gather writes only slows one sender.
                .setJournalBufferTimeout_NIO(JOURNAL_BUFFER_TIMEOUT_NANOS)
                .setJournalBufferTimeout_AIO(JOURNAL_BUFFER_TIMEOUT_NANOS)
                // the same for a queue that pages (a backlog past QUEUE_MEMORY_BYTES): its new messages are synced in
                // page files, and a sender waited 3.3 ms (the default) for each
                .setPageSyncTimeout(JOURNAL_BUFFER_TIMEOUT_NANOS)
                .addAddressSetting("#", new AddressSettings()
                        .setAutoCreateQueues(true)
                        .setAutoCreateAddresses(true)
                        .setAutoDeleteQueues(false)
                        .setAutoDeleteAddresses(false)
                        .setAddressFullMessagePolicy(AddressFullMessagePolicy.PAGE)
                        .setMaxSizeBytes(QUEUE_MEMORY_BYTES)
                        .setPageSizeBytes(PAGE_FILE_BYTES)
                        .setMaxReadPageBytes(2 * PAGE_FILE_BYTES)
                        .setExpiryAddress(SimpleString.of("ExpiryQueue"))
                        // The routes retry and dead-letter by themselves; this only catches a message that
                        // keeps failing outside them (a crash loop), slowly.
                        .setRedeliveryDelay(1000)
                        .setRedeliveryMultiplier(2)
                        .setMaxRedeliveryDelay(60_000)
                        .setMaxDeliveryAttempts(100)
                        // no prefetching but where prefetch(...) says so: a message waits in the broker
                        .setDefaultConsumerWindowSize(0)
                        .setDeadLetterAddress(SimpleString.of("DLA.unexpected")));
        config.registerBrokerPlugin(duplicates);
        try {
            config.addAcceptorConfiguration("in-vm", "vm://" + inVmId);
        } catch (Exception e) {
            throw new IllegalStateException("could not configure the embedded broker", e);
        }
        server.setConfiguration(config);
    }

    /** What counts the copies of events the broker dropped. */
    DuplicateEvents duplicates() {
        return duplicates;
    }

    public String url() {
        return "vm://" + inVmId;
    }

    public void start() {
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("The embedded broker did not start (data in relay.data-dir): " + e.getMessage(), e);
        }
    }

    /**
     * Lets the consumers of a queue take up to this many bytes of messages ahead (for a channel, about a second's
     * worth at its rate), instead of asking the broker for each one.
     */
    public void prefetch(String queue, int bytes) {
        server.getActiveMQServer().getAddressSettingsRepository().addMatch(queue,
                new AddressSettings().setDefaultConsumerWindowSize(bytes));
    }

    /** How the journal writes, once started: AIO (libaio) or NIO. */
    public String journalType() {
        return server.getActiveMQServer().getConfiguration().getJournalType() == JournalType.ASYNCIO
                ? "AIO (libaio)" : "NIO (for AIO install libaio, see docs/reliability.md)";
    }

    public void stop() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("The embedded broker did not stop cleanly", e);
        }
    }
}
