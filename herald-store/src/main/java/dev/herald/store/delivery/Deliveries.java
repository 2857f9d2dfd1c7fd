package dev.herald.store.delivery;

import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.herald.delivery.MessageLog;
import dev.herald.campaign.run.RunRecord;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

/** Deliveries: one per channel activity of a run, and the counts of its messages. */
public final class Deliveries {

    private static final Table<?> DELIVERY = table(name("herald_delivery"));
    private static final Field<Long> ID = field(name("id"), Long.class);
    private static final Field<Long> RUN_ID = field(name("run_id"), Long.class);
    private static final Field<String> ACTIVITY = field(name("activity"), String.class);
    private static final Field<String> STATUS = field(name("status"), String.class);

    private Deliveries() {
    }

    public static Optional<Long> find(DSLContext dsl, long runId, String activity) {
        return dsl.select(ID).from(DELIVERY).where(RUN_ID.eq(runId)).and(ACTIVITY.eq(activity)).fetchOptional(ID);
    }

    public static long create(dev.herald.store.Store store, RunRecord run, String activity, String channel) {
        DSLContext dsl = store.dsl();
        long id = store.nextval("herald_delivery_seq");
        dsl.insertInto(DELIVERY).set(ID, id).set(RUN_ID, run.id()).set(field(name("campaign")), run.campaign())
                .set(ACTIVITY, activity).set(field(name("channel")), channel).set(field(name("mode")), run.mode())
                .set(STATUS, "sending").set(field(name("created_at")), store.now()).execute();
        return id;
    }

    public static void done(DSLContext dsl, long id) {
        dsl.update(DELIVERY).set(STATUS, "done").where(ID.eq(id)).execute();
    }

    /**
     * A delivery's messages per status, excluded ones per reason ({@code excluded:no_consent}), and
     * how many recipients got (or, in a test run, would get) at least one.
     */
    public record Summary(Map<String, Long> messages, long recipientsReached) {
    }

    public static Summary summary(DSLContext dsl, long deliveryId, String recipientColumn) {
        Field<String> status = field(name("status"), String.class);
        Field<String> reason = field(name("reason"), String.class);
        Map<String, Long> counts = new LinkedHashMap<>();
        long reached = 0;
        for (var r : dsl.select(status, reason, count(), DSL.countDistinct(field(name(recipientColumn)))).from(table(name(MessageLog.TABLE)))
                .where(field(name("delivery_id"), Long.class).eq(deliveryId)).groupBy(status, reason).orderBy(status, reason).fetch()) {
            counts.put(r.value2() == null ? r.value1() : r.value1() + ":" + r.value2(), (long) r.value3());
            if (r.value1().equals("sent") || r.value1().equals("prepared")) {
                reached += r.value4(); // a delivery's messages are either sent (live) or prepared (test), never both
            }
        }
        return new Summary(counts, reached);
    }
}
