package dev.herald.store.report;

import java.util.List;

/**
 * The deliveries a report counts: one delivery, every delivery of a run, or every live delivery of
 * a campaign — as a condition on a table's {@code delivery_id} with its bound values.
 */
public record DeliveryScope(String what, String condition, List<Object> bound) {

    public static DeliveryScope delivery(long id) {
        return new DeliveryScope("delivery " + id, "%s = ?", List.of(id));
    }

    public static DeliveryScope run(long runId) {
        return new DeliveryScope("run " + runId, "%s IN (SELECT d.id FROM herald_delivery d WHERE d.run_id = ?)", List.of(runId));
    }

    /** A campaign's live deliveries, of every run and version (a test run sends nothing). */
    public static DeliveryScope campaign(String campaign) {
        return new DeliveryScope("campaign " + campaign, "%s IN (SELECT d.id FROM herald_delivery d WHERE d.campaign = ? AND d.mode = 'live')",
                List.of(campaign));
    }

    /** The condition on {@code column} (such as {@code e.delivery_id}). */
    public String on(String column) {
        return condition.formatted(column);
    }

    /** Its bound values followed by {@code more}, in the order of a statement that names the scope first. */
    public Object[] values(Object... more) {
        Object[] all = new Object[bound.size() + more.length];
        for (int i = 0; i < bound.size(); i++) {
            all[i] = bound.get(i);
        }
        System.arraycopy(more, 0, all, bound.size(), more.length);
        return all;
    }
}
