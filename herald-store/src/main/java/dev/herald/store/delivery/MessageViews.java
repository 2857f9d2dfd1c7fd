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
 * link ({@code profile.messages}): each entity's messages, with its key as {@code recipient_key}.
 */
public final class MessageViews {

    private MessageViews() {
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
                    columns.add(field(name(f.name())));
                }
                columns.add(field(name(MessageLog.textKey(e) ? "recipient_code" : "recipient_id")).as(MessageLog.RECIPIENT + "_key"));
                var select = store.dsl().select(columns).from(table(name(MessageLog.TABLE)))
                        .where(field(name("dimension")).eq(inline(e.name())));
                store.dsl().dropViewIfExists(name(MessageLog.view(e.name()))).execute();
                store.dsl().createView(name(MessageLog.view(e.name()))).as(select).execute();
            }
            return null;
        });
    }
}
