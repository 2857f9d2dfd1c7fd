package dev.herald.store.activity;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.herald.campaign.activity.Alert;
import dev.herald.delivery.MessageLog;
import dev.herald.store.delivery.Deliveries;
import dev.herald.store.delivery.Recipients;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * {@code alert}: the message goes to the run log at its level and, in a live run, to each
 * supervisor through the message log and the outbox. The population passes through unchanged.
 */
final class AlertActivity implements ChannelActivity {

    @Override
    public void prepare(ActivityRun r) {
        Alert c = (Alert) r.activity().config();
        String message = message(r, c);
        if ("error".equals(c.level()) || "warning".equals(c.level())) {
            r.warning(message);
        } else {
            r.info(message);
        }
        List<String> to = c.recipients(r.plan().campaign().supervisors());
        if (r.test() || to.isEmpty() || Deliveries.find(r.dsl(), r.record().id(), r.activity().id()).isPresent()) {
            return;
        }
        long id = Deliveries.create(r.store(), r.record(), r.activity().id(), "alert");
        OffsetDateTime now = r.store().now();
        String subject = "[Herald] " + c.level() + " from " + r.record().campaign() + " (run " + r.record().id() + ")";
        for (int i = 0; i < to.size(); i++) {
            long messageId = (id << Recipients.ID_SHIFT) + i + 1;
            r.dsl().insertInto(table(name(MessageLog.TABLE))).set(field(name("id")), messageId).set(field(name("delivery_id")), id)
                    .set(field(name("campaign")), r.record().campaign()).set(field(name("activity")), r.activity().id())
                    .set(field(name("run_id")), r.record().id()).set(field(name("channel")), "alert")
                    .set(field(name("dimension")), "supervisor").set(field(name("recipient_code")), to.get(i))
                    .set(field(name("address")), to.get(i)).set(field(name("status")), "sent").set(field(name("created_at")), now)
                    .set(field(name("sent_at")), now).execute();
            r.dsl().insertInto(table(name("herald_outbox"))).set(field(name("message_id")), messageId).set(field(name("delivery_id")), id)
                    .set(field(name("channel")), "alert").set(field(name("address")), to.get(i)).set(field(name("subject")), subject)
                    .set(field(name("body")), message).set(field(name("created_at")), now).execute();
        }
        Deliveries.done(r.dsl(), id);
    }

    @Override
    public boolean send(ActivityRun r, BooleanSupplier stop) {
        return true;
    }

    @Override
    public void finish(ActivityRun r) {
        ActivityRun.Input in = r.input();
        r.output("out", in.worktable(), in.rows());
    }

    private static String message(ActivityRun r, Alert c) {
        return c.message().replace("{count}", String.format("%,d", r.input().rows())).replace("{campaign}", r.record().campaign())
                .replace("{run}", String.valueOf(r.record().id())).replace("{activity}", r.activity().id());
    }
}
