package dev.herald.store.delivery;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.herald.delivery.MessageLog;
import dev.herald.schema.Entity;
import dev.herald.schema.Field;
import dev.herald.schema.Schema;
import dev.herald.store.Store;
import java.util.ArrayList;
import java.util.List;

/**
 * The views {@code herald_message_<entity>} through which expressions read the message log as a
 * link ({@code profile.messages}): each entity's messages, with its key as {@code recipient_key},
 * and when a person first opened it and clicked in it ({@code opened_at}, {@code clicked_at}).
 */
public final class MessageViews {

    private MessageViews() {
    }

    /**
     * When a person first opened the message, or clicked one of its links as the reports count a
     * person's click ({@link dev.herald.store.tracking.TrackingTables#PERSONS_CLICK}), from the event log.
     */
    private static org.jooq.Field<java.time.OffsetDateTime> firstHuman(String kind) {
        var occurred = field(name("e", "occurred_at"), java.time.OffsetDateTime.class);
        var condition = field(name("e", "message_id")).eq(field(name("m", "id"))).and(field(name("e", "delivery_id")).eq(field(name("m", "delivery_id"))))
                .and(field(name("e", "kind")).eq(inline(kind))).and(field(name("e", "machine")).isNull());
        if (kind.equals("click")) { // as the reports count them
            condition = condition.and(field(name("e", "link"), Integer.class).gt(inline(0)))
                    .and(org.jooq.impl.DSL.condition(dev.herald.store.tracking.TrackingTables.PERSONS_CLICK));
        }
        return org.jooq.impl.DSL.field(org.jooq.impl.DSL.select(org.jooq.impl.DSL.min(occurred)).from(table(name("herald_event")).as("e")).where(condition));
    }

    /** Creates (or recreates) the view of every entity that can receive messages. */
    public static void ensure(Store store, Schema schema) {
        store.inTransaction(() -> {
            for (Entity e : schema.entities().values()) {
                if (!MessageLog.canReceive(e)) {
                    continue;
                }
                List<org.jooq.SelectField<?>> columns = new ArrayList<>();
                for (Field f : MessageLog.FIELDS) {
                    columns.add(switch (f.name()) {
                        case MessageLog.OPENED_AT -> firstHuman("open").as(f.name());
                        case MessageLog.CLICKED_AT -> firstHuman("click").as(f.name());
                        default -> field(name("m", f.name()));
                    });
                }
                columns.add(field(name("m", MessageLog.textKey(e) ? "recipient_code" : "recipient_id")).as(MessageLog.RECIPIENT + "_key"));
                var select = store.dsl().select(columns).from(table(name(MessageLog.TABLE)).as("m"))
                        .where(field(name("m", "dimension")).eq(inline(e.name())));
                store.dsl().dropViewIfExists(name(MessageLog.view(e.name()))).execute();
                store.dsl().createView(name(MessageLog.view(e.name()))).as(select).execute();
            }
            return null;
        });
    }
}
