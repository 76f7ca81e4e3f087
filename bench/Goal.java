import java.util.ArrayList;
import java.util.List;

/** A goal of issue 17 (bench/README.md) with what this run measured for it. */
record Goal(String name, String target, String measured, boolean met) {

    /** Below this the load client, not the server, may set the figures (see bench/README.md). */
    static final double CLIENT_CAPACITY_NEEDED = 30_000;

    static List<Goal> check(Figures f) {
        List<Goal> goals = new ArrayList<>();
        LoadClient.Result many = f.relayMany.load();
        goals.add(new Goal("accepted, 32 connections, relay / baseline", ">= 0.15, all 200",
                String.format("%.3f (%,.0f/s), other answers: %s", f.ratio(), many.perSecond(), many.otherAnswersText()),
                f.ratio() >= 0.15 && many.notAccepted() == 0));
        double p50 = f.relayOne.load().percentileMs(50);
        goals.add(new Goal("accept latency p50, 1 connection", "<= 1.0 ms", Figures.ms(p50) + " ms", p50 <= 1.0));
        LoadClient.Result open = f.relayOpen.load();
        double openP99 = open.percentileMs(99);
        goals.add(new Goal(String.format("accept latency p99, %,.0f/s open loop", Benchmark.OPEN_LOOP_RATE),
                "<= 10 ms", Figures.ms(openP99) + " ms, other answers: " + open.otherAnswersText(),
                openP99 <= 10 && open.notAccepted() == 0));
        double delivered = f.relayMany.drain().deliveredPerSecondDuringLoad();
        goals.add(new Goal("delivered while accepting, 32 connections", ">= 3,000/s",
                String.format("%,.0f/s", delivered), delivered >= 3_000));
        goals.add(new Goal("each accepted event delivered exactly once", "0 / 0",
                String.format("%,d not delivered / %,d twice", f.missing, f.doubled), f.missing == 0 && f.doubled == 0));
        double endToEnd = endToEndP99(f.relayEndToEnd.drain().batch());
        goals.add(new Goal(String.format("received to delivered p99 at %,.0f/s", Benchmark.END_TO_END_RATE),
                "<= 100 ms", Double.isInfinite(endToEnd) ? "over 1% not delivered" : Figures.ms(endToEnd) + " ms",
                endToEnd <= 100));
        double cpu = f.relayMany.cpuMicrosPerEvent();
        boolean drained = f.relayMany.drain().complete();
        goals.add(new Goal("CPU per event accepted and delivered", "<= 300 µs",
                Figures.micros(cpu) + (drained ? "" : " (not all delivered)"), cpu <= 300 && drained));
        LoadClient.Result burst = f.burst.load();
        goals.add(new Goal(String.format("burst of %,d, IFTTT down: all accepted", f.options.burst()), "all",
                String.format("%,d, other answers: %s", burst.accepted(), burst.otherAnswersText()),
                burst.accepted() == f.options.burst()));
        goals.add(new Goal("burst: all delivered once IFTTT is back", "all in <= 120 s",
                f.burst.complete() ? String.format("all in %.1f s", f.burst.secondsAfterLoad())
                        : String.format("%,d of %,d in %.0f s", f.burst.delivered(), f.burst.accepted(),
                                f.burst.secondsAfterLoad()),
                f.burst.complete() && f.burst.secondsAfterLoad() <= 120));
        double startup = Benchmark.seconds(f.startup);
        goals.add(new Goal("startup to ready", "<= 2.0 s", String.format("%.2f s", startup), startup <= 2));
        goals.add(new Goal(String.format("idle CPU, %d s after startup", f.options.settleSeconds()), "<= 1% of a core",
                String.format("%.2f%%", 100 * f.idleCpuShare), f.idleCpuShare <= 0.01));
        long peak = Math.max(f.burstPeakRssKb, f.peakRssKb);
        goals.add(new Goal("peak RSS, whole run", "<= 300 MB", Figures.megabytes(peak),
                f.burstPeakRssKb >= 0 && f.peakRssKb >= 0 && peak <= 300 * 1024));
        return goals;
    }

    /** p99 of received-to-delivered in ms, counting an event not delivered as infinitely late. */
    private static double endToEndP99(Batch batch) {
        long[] delivered = batch.sentToDelivered();
        int accepted = batch.accepted();
        if (accepted == 0) {
            return Double.POSITIVE_INFINITY;
        }
        int rank = (int) Math.ceil(0.99 * accepted);
        return rank <= delivered.length ? delivered[rank - 1] / 1e6 : Double.POSITIVE_INFINITY;
    }

    static void print(List<Goal> goals, Figures f) {
        System.out.println();
        System.out.println("Goals" + (f.options.quick() ? " (--quick: shorter phases, a smaller burst)" : ""));
        for (Goal goal : goals) {
            System.out.printf("  %-4s  %-46s goal %-17s measured %s%n", goal.met() ? "PASS" : "MISS", goal.name(),
                    goal.target(), goal.measured());
        }
        long missed = goals.stream().filter(goal -> !goal.met()).count();
        System.out.println(missed == 0 ? "All goals met." : missed + " of " + goals.size() + " goals missed.");
        double client = f.baselineMany.load().perSecond();
        System.out.printf("%nLoad client against the bare baseline, 32 connections: %,.0f requests/s (needed: >= %,.0f)%s%n",
                client, CLIENT_CAPACITY_NEEDED, client >= CLIENT_CAPACITY_NEEDED ? ""
                        : ": the client or a busy machine may have set the figures, not the servers");
    }
}
