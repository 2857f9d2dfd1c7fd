package dev.herald.store.activity;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.herald.campaign.Population;
import dev.herald.campaign.activity.Delivery;
import dev.herald.delivery.Addressing;
import dev.herald.delivery.MessageLog;
import dev.herald.store.delivery.Deliveries;
import dev.herald.store.delivery.Recipients;
import dev.herald.store.delivery.Sender;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * email, sms, push, webhook, direct-mail: recipients resolved into the message log in SQL, then
 * rendered and sent to the outbox channel, which keeps each rendered message in the store. A test
 * run prepares the messages (and shows every exclusion) but sends nothing.
 */
final class DeliveryActivity implements ChannelActivity {

    @Override
    public void prepare(ActivityRun r) {
        if (Deliveries.find(r.dsl(), r.record().id(), r.activity().id()).isPresent()) {
            return; // prepared before the process stopped: its messages are in the log
        }
        Delivery c = (Delivery) r.activity().config();
        long id = Deliveries.create(r.store(), r.record(), r.activity().id(), c.channel());
        Recipients.resolve(r, id, addressing(r, c), c.perFilter(), r.input().worktable());
    }

    @Override
    public boolean send(ActivityRun r, BooleanSupplier stop) {
        if (r.test()) {
            return true;
        }
        Delivery c = (Delivery) r.activity().config();
        long id = Deliveries.find(r.dsl(), r.record().id(), r.activity().id()).orElseThrow();
        return new Sender(r, id, c, addressing(r, c), r.input().worktable()).send(stop);
    }

    /**
     * The transition {@code out}: the recipients who got a message, as a view of the inbound
     * worktable filtered by the message log — nothing is copied, and the count comes from the
     * delivery's summary.
     */
    @Override
    public void finish(ActivityRun r) {
        long id = Deliveries.find(r.dsl(), r.record().id(), r.activity().id()).orElseThrow();
        Population p = r.input().population();
        String key = MessageLog.textKey(p.dimension()) ? "recipient_code" : "recipient_id";
        var reached = r.dsl().select(field(name(key))).from(table(name(MessageLog.TABLE)))
                .where(field(name("delivery_id"), Long.class).eq(inline(id)))
                .and(field(name("status"), String.class).in(inline("sent"), inline("prepared")));
        Deliveries.Summary summary = Deliveries.summary(r.dsl(), id, key);
        String out = r.newWorktable();
        r.execute(r.dsl().createView(name(out)).as(r.dsl().select(table(name(r.input().worktable())).as("t").asterisk())
                .from(table(name(r.input().worktable())).as("t")).where(field(name("t", p.key())).in(reached))));
        // the view repeats a recipient as often as the worktable does
        r.output("out", out, p.unique() ? summary.recipientsReached() : r.count(out));
        Deliveries.done(r.dsl(), id);
        r.info(describe(id, summary));
    }

    private static Addressing addressing(ActivityRun r, Delivery c) {
        List<String> problems = new ArrayList<>();
        Addressing a = Addressing.resolve(r.schema(), c.channel(), r.input().population().dimension(), c.perLink(),
                r.activity().path(), (path, message) -> problems.add(message));
        if (a == null) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return a;
    }

    /** "delivery 3: 10,000 messages: 9,100 sent, 900 excluded (no_consent 700, …)". */
    private static String describe(long deliveryId, Deliveries.Summary summary) {
        long total = summary.messages().values().stream().mapToLong(Long::longValue).sum();
        List<String> parts = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        long excludedTotal = 0;
        for (var e : summary.messages().entrySet()) {
            if (e.getKey().startsWith("excluded:")) {
                excluded.add(e.getKey().substring(9) + " " + String.format("%,d", e.getValue()));
                excludedTotal += e.getValue();
            } else {
                parts.add(String.format("%,d %s", e.getValue(), e.getKey()));
            }
        }
        if (excludedTotal > 0) {
            parts.add(String.format("%,d excluded (%s)", excludedTotal, String.join(", ", excluded)));
        }
        return String.format("delivery %d: %,d messages: %s", deliveryId, total, String.join(", ", parts));
    }
}
