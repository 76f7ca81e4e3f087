package io.tableaurelay.message;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

import io.tableaurelay.event.EventType;

/**
 * What a maintenance window held, in one line: "during maintenance 02:00-04:00: 37 data source refreshes failed, 35
 * of them have succeeded since; still failing: Sales Extract, Ops KPIs". An item has succeeded since when its last
 * event in the window, after a failure, is a success. Item names come escaped already; the words are escaped here.
 */
final class MaintenanceSummary {

    private static final int NAMED = 5;

    private MaintenanceSummary() {
    }

    /** {@code items} in the order they came, {@code types} their event types, unescaped. */
    static String of(String window, List<Map<String, Object>> items, List<String> types, UnaryOperator<String> escape) {
        List<String> failures = types.stream().filter(type -> EventType.outcome(type).equals("failure")).toList();
        String during = "during maintenance " + window + ": ";
        if (failures.isEmpty()) {
            return escape.apply(during + counted(types));
        }
        Map<String, String> lastOutcome = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String item = items.get(i).get("resourceLuid") + "\n" + items.get(i).get("name");
            String outcome = EventType.outcome(types.get(i));
            if (outcome.equals("failure") || lastOutcome.containsKey(item)) {
                lastOutcome.put(item, outcome);
                names.putIfAbsent(item, (String) items.get(i).get("name"));
            }
        }
        long succeeded = lastOutcome.values().stream().filter("success"::equals).count();
        List<String> stillFailing = new ArrayList<>();
        lastOutcome.forEach((item, outcome) -> {
            if (outcome.equals("failure")) {
                stillFailing.add(names.get(item));
            }
        });
        StringBuilder summary = new StringBuilder(escape.apply(during + counted(failures)));
        if (succeeded > 0) {
            summary.append(escape.apply(", " + succeeded + " of them " + (succeeded == 1 ? "has" : "have")
                    + " succeeded since"));
        }
        if (!stillFailing.isEmpty()) {
            summary.append(escape.apply("; still failing: "))
                    .append(String.join(", ", stillFailing.subList(0, Math.min(NAMED, stillFailing.size()))));
            if (stillFailing.size() > NAMED) {
                summary.append(escape.apply(" and " + (stillFailing.size() - NAMED) + " more"));
            }
        }
        return summary.toString();
    }

    /** "1 data source refresh failed", "37 data source refreshes failed", "5 failures". */
    private static String counted(List<String> types) {
        return types.size() == 1 ? "1 " + EventType.words(types.get(0)).toLowerCase(Locale.ROOT)
                : GroupWords.headline(types, types.size());
    }
}
