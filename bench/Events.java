import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.vertx.core.buffer.Buffer;

/**
 * The events the benchmark posts: Tableau's payloads as Tableau sends them (resource, event_type, resource_name,
 * site_luid, resource_luid, created_at), every one distinct, since the relay drops a second body with the same
 * bytes. The item's name ends with a tag "#batch.index" that the IFTTT stand-in reads back from value1, to count
 * the deliveries of each event.
 */
final class Events {

    /** Tableau's 22 documented events, each with the resource Tableau names in it. */
    private static final List<String[]> TYPES = List.of(
            new String[] {"DATASOURCE", "DatasourceRefreshFailed"},
            new String[] {"WORKBOOK", "WorkbookRefreshFailed"},
            new String[] {"DATASOURCE", "DatasourceRefreshSucceeded"},
            new String[] {"WORKBOOK", "WorkbookRefreshSucceeded"},
            new String[] {"DATASOURCE", "DatasourceRefreshStarted"},
            new String[] {"WORKBOOK", "WorkbookRefreshStarted"},
            new String[] {"DATASOURCE", "DatasourceCreated"},
            new String[] {"DATASOURCE", "DatasourceUpdated"},
            new String[] {"DATASOURCE", "DatasourceDeleted"},
            new String[] {"WORKBOOK", "WorkbookCreated"},
            new String[] {"WORKBOOK", "WorkbookUpdated"},
            new String[] {"WORKBOOK", "WorkbookDeleted"},
            new String[] {"VIEW", "ViewDeleted"},
            new String[] {"LABEL", "LabelCreated"},
            new String[] {"LABEL", "LabelUpdated"},
            new String[] {"LABEL", "LabelDeleted"},
            new String[] {"SITE", "SiteCreated"},
            new String[] {"SITE", "SiteUpdated"},
            new String[] {"SITE", "SiteDeleted"},
            new String[] {"USER", "UserDeleted"},
            new String[] {"USER", "AdminPromoted"},
            new String[] {"USER", "AdminDemoted"});

    private static final List<String> NAMES = List.of("Superstore Sales", "Regional Revenue Q4", "Customer Churn",
            "Finance KPIs", "Marketing Funnel", "Inventory Levels (EMEA)", "Support Tickets", "Executive Overview",
            "Web Traffic", "Payroll Extract");

    private static final String SITE_LUID = "8b2a95d8-52b9-40a4-8712-cd6da771bd1b";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private static volatile long createdAtSecond;
    private static volatile String createdAt = "";

    private Events() {
    }

    /** The body of event number index of a batch: distinct for every (batch, index). */
    static Buffer body(int batch, int index) {
        String[] type = TYPES.get(index % TYPES.size());
        StringBuilder json = new StringBuilder(280)
                .append("{\"resource\":\"").append(type[0])
                .append("\",\"event_type\":\"").append(type[1])
                .append("\",\"resource_name\":\"").append(NAMES.get(index % NAMES.size()))
                .append(" #").append(batch).append('.').append(index)
                .append("\",\"site_luid\":\"").append(SITE_LUID)
                .append("\",\"resource_luid\":\"");
        luid(json, batch, index);
        json.append("\",\"created_at\":\"").append(now()).append("\"}");
        return Buffer.buffer(json.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A UUID-shaped id made of the batch and the index. */
    private static void luid(StringBuilder out, int batch, int index) {
        hex(out, batch, 8);
        out.append("-4a1f-4c3e-9d5c-");
        hex(out, index, 12);
    }

    private static void hex(StringBuilder out, long value, int digits) {
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            out.append(HEX[(int) (value >>> shift) & 0xf]);
        }
    }

    /** created_at as Tableau writes it (2026-11-29T17:14:45Z), made anew once a second. */
    private static String now() {
        long second = System.currentTimeMillis() / 1000;
        if (second != createdAtSecond) {
            createdAt = Instant.ofEpochSecond(second).truncatedTo(ChronoUnit.SECONDS).toString();
            createdAtSecond = second;
        }
        return createdAt;
    }

    /**
     * The (batch, index) tag in a delivered IFTTT body, {"value1": "Superstore Sales #3.1042", ...}, as
     * batch * 2^32 + index, or -1 when there is none.
     */
    static long tagOf(Buffer iftttBody) {
        String text = iftttBody.toString(StandardCharsets.UTF_8);
        int value1 = text.indexOf("\"value1\"");
        if (value1 < 0) {
            return -1;
        }
        int open = text.indexOf('"', text.indexOf(':', value1) + 1);
        int close = text.indexOf('"', open + 1);
        int hash = open < 0 || close < 0 ? -1 : text.lastIndexOf('#', close);
        if (hash <= open) {
            return -1;
        }
        int dot = text.indexOf('.', hash);
        if (dot < 0 || dot > close) {
            return -1;
        }
        try {
            long batch = Integer.parseInt(text, hash + 1, dot, 10);
            long index = Integer.parseInt(text, dot + 1, close, 10);
            return batch << 32 | index;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
