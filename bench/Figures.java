import java.time.Duration;

/** What one run measured, printed as a table: the relay beside the bare baseline. */
final class Figures {

    final Benchmark.Options options;
    double loadAtStart;
    double loadAtEnd;
    /** CPU time of processes other than the benchmark's, relay's and baseline's during the run, as a share of all cores. */
    double otherCpuShare;
    Duration startup;
    long idleRssKb;
    /** The relay's CPU time while idle after startup, as a share of one core. */
    double idleCpuShare;
    double idleJitShare;
    Benchmark.ServerPhase baselineOne;
    Benchmark.ServerPhase relayOne;
    Benchmark.ServerPhase baselineMany;
    Benchmark.ServerPhase relayMany;
    Benchmark.ServerPhase baselineOpen;
    Benchmark.ServerPhase relayOpen;
    Benchmark.ServerPhase relayEndToEnd;
    /** Peak RSS from the start until before the burst. */
    long peakRssKb;
    boolean peakReset;
    Benchmark.Drain burst;
    /** The burst stopped early: the relay accepted nothing for a while. */
    boolean burstStalled;
    long burstPeakRssKb;
    long refusedWhileDown;
    int missing;
    int doubled;
    int deliveredButNotAccepted;
    long unexpectedAtStandIn;
    ServerProcess.Shutdown shutdown;
    LogSummary relayLog;

    Figures(Benchmark.Options options) {
        this.options = options;
    }

    /** The relay's 32-connection rate over the baseline's. */
    double ratio() {
        return relayMany.load().perSecond() / baselineMany.load().perSecond();
    }

    void print() {
        System.out.println();
        System.out.printf("Figures (relay -Xmx%s, %d cores%s)%n", options.xmx(),
                Runtime.getRuntime().availableProcessors(), options.quick() ? ", --quick" : "");
        System.out.printf("Other processes used %s of the machine's CPU during the run (load average %.2f at the start, "
                + "%.2f at the end)%s%n", percent(otherCpuShare), loadAtStart, loadAtEnd,
                otherCpuShare > 0.05 ? ": the machine was not idle, the figures are low; the ratios hold better" : "");
        row("", "relay", "bare baseline");
        row("startup to ready", String.format("%.2f s", Benchmark.seconds(startup)), "");
        row("idle CPU (" + options.idleSeconds() + " s, from " + options.settleSeconds() + " s after ready)", percent(idleCpuShare) + " of a core (JIT "
                + percent(idleJitShare) + ")", "");
        row("RSS after startup, idle", megabytes(idleRssKb), "");

        section("1 connection, closed loop, " + options.seconds() + " s");
        rates(relayOne, baselineOne);
        section(Benchmark.MANY + " connections, closed loop, " + options.seconds() + " s");
        rates(relayMany, baselineMany);
        row("  relay / baseline", String.format("%.3f", ratio()), "");
        cpu(relayMany, baselineMany);
        deliveries(relayMany.drain());

        section(String.format("open loop, %,.0f events/s due for %d s, %d connections", Benchmark.OPEN_LOOP_RATE,
                options.openLoopSeconds(), Benchmark.MANY));
        row("  latency from due time p50 / p99 / max", latencies(relayOpen.load()), latencies(baselineOpen.load()));
        row("  accepted", acceptedRate(relayOpen.load()), acceptedRate(baselineOpen.load()));
        row("  answers other than 200", relayOpen.load().otherAnswersText(), baselineOpen.load().otherAnswersText());
        cpu(relayOpen, baselineOpen);
        deliveries(relayOpen.drain());

        section(String.format("end to end, %,.0f events/s due for %d s", Benchmark.END_TO_END_RATE,
                options.openLoopSeconds()));
        long[] sentToDelivered = relayEndToEnd.drain().batch().sentToDelivered();
        row("  received to delivered p50 / p99 / max", String.format("%s / %s / %s ms",
                ms(LoadClient.percentileMs(sentToDelivered, 50)), ms(LoadClient.percentileMs(sentToDelivered, 99)),
                ms(LoadClient.percentileMs(sentToDelivered, 100))), "");
        row("  accept latency p50 / p99", String.format("%s / %s ms", ms(relayEndToEnd.load().percentileMs(50)),
                ms(relayEndToEnd.load().percentileMs(99))), "");
        deliveries(relayEndToEnd.drain());

        section(String.format("burst of %,d events, %d connections, IFTTT answering 503 (relay: %s)", options.burst(),
                Benchmark.MANY, String.join(" ", Benchmark.RETRY_SETTINGS)));
        LoadClient.Result burstLoad = burst.load();
        row("  accepted", String.format("%,d of %,d in %.1f s (%,.0f/s)%s", burstLoad.accepted(), options.burst(),
                burstLoad.elapsedNanos() / 1e9, burstLoad.perSecond(),
                burstStalled ? "; stopped: nothing accepted for " + Benchmark.DELIVERY_STALL.toSeconds() + " s" : ""), "");
        row("  answers other than 200", burstLoad.otherAnswersText(), "");
        row("  triggers refused by IFTTT while down", String.format("%,d", refusedWhileDown), "");
        row("  peak RSS during the burst", peakReset ? megabytes(burstPeakRssKb) : megabytes(burstPeakRssKb)
                + " (whole run: VmHWM could not be reset)", "");
        row("  delivered after IFTTT was back", burst.complete()
                ? String.format("all, %.1f s after the last post", burst.secondsAfterLoad())
                : String.format("%,d of %,d when the benchmark stopped waiting, %.0f s after the last post",
                        burst.delivered(), burst.accepted(), burst.secondsAfterLoad()), "");

        section("whole run");
        row("accepted events not delivered / delivered twice", String.format("%,d / %,d", missing, doubled), "");
        if (deliveredButNotAccepted > 0 || unexpectedAtStandIn > 0) {
            row("delivered though not accepted / unexpected at IFTTT",
                    deliveredButNotAccepted + " / " + unexpectedAtStandIn, "");
        }
        row("peak RSS (VmHWM), all but the burst", megabytes(peakRssKb), "");
        row("shutdown after SIGTERM", shutdown.exited()
                ? String.format("%.2f s, exit code %d", Benchmark.seconds(shutdown.took()), shutdown.exitCode())
                : "did not exit within " + Benchmark.SHUTDOWN_TIMEOUT.toSeconds() + " s (killed)", "");
        row("relay log: ERROR / WARN lines", String.format("%,d / %,d%s", relayLog.errors(), relayLog.warnings(),
                relayLog.outOfMemory() ? ", OutOfMemoryError" : ""), "");
    }

    private static void rates(Benchmark.ServerPhase relay, Benchmark.ServerPhase baseline) {
        row("  accepted", acceptedRate(relay.load()), acceptedRate(baseline.load()));
        row("  latency p50 / p99 / max", latencies(relay.load()), latencies(baseline.load()));
        row("  answers other than 200", relay.load().otherAnswersText(), baseline.load().otherAnswersText());
    }

    private static void cpu(Benchmark.ServerPhase relay, Benchmark.ServerPhase baseline) {
        row("  CPU per event (relay: accepted and delivered)", micros(relay.cpuMicrosPerEvent()),
                micros(baseline.cpuMicrosPerEvent()));
        row("    of which JIT compiler / GC threads", micros(relay.jitMicrosPerEvent()) + " / "
                + micros(relay.gcMicrosPerEvent()), micros(baseline.jitMicrosPerEvent()) + " / "
                + micros(baseline.gcMicrosPerEvent()));
    }

    private static void deliveries(Benchmark.Drain drain) {
        row("  delivered while accepting / over the phase", String.format("%,.0f/s / %,.0f/s",
                drain.deliveredPerSecondDuringLoad(), drain.deliveredPerSecond()), "");
        row("  all delivered", drain.complete()
                ? String.format("%.1f s after the load", drain.secondsAfterLoad())
                : String.format("no: %,d of %,d after %.0f s", drain.delivered(), drain.accepted(),
                        drain.secondsAfterLoad()), "");
    }

    static String acceptedRate(LoadClient.Result load) {
        return String.format("%,.0f/s (%,d)", load.perSecond(), load.accepted());
    }

    static String latencies(LoadClient.Result load) {
        return String.format("%s / %s / %s ms", ms(load.percentileMs(50)), ms(load.percentileMs(99)),
                ms(load.percentileMs(100)));
    }

    static String ms(double ms) {
        if (Double.isNaN(ms)) {
            return "n/a";
        }
        return ms < 1 ? String.format("%.3f", ms) : ms < 100 ? String.format("%.1f", ms) : String.format("%,.0f", ms);
    }

    static String micros(double micros) {
        return Double.isNaN(micros) ? "n/a" : String.format("%,.0f µs", micros);
    }

    static String percent(double share) {
        return String.format("%.1f%%", share * 100);
    }

    static String megabytes(long kb) {
        return kb < 0 ? "n/a" : String.format("%.0f MB", kb / 1024.0);
    }

    private static void section(String name) {
        System.out.printf("  %s%n", name);
    }

    private static void row(String name, String relay, String baseline) {
        System.out.printf("  %-48s %-38s %s%n", name, relay, baseline);
    }
}
