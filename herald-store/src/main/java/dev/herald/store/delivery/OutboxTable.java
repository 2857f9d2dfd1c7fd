package dev.herald.store.delivery;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.herald.channel.OutboundMessage;
import dev.herald.delivery.run.Outbox;
import dev.herald.store.Store;
import java.time.OffsetDateTime;
import java.util.List;

/** The outbox in the store: {@code herald_outbox}, one row per message id; a message given again is kept once. */
public final class OutboxTable implements Outbox {

    private final Store store;

    public OutboxTable(Store store) {
        this.store = store;
    }

    @Override
    public void add(List<OutboundMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        OffsetDateTime now = store.now();
        var insert = store.dsl().insertInto(table(name("herald_outbox")), field(name("message_id"), Long.class),
                field(name("delivery_id"), Long.class), field(name("channel"), String.class), field(name("address"), String.class),
                field(name("subject"), String.class), field(name("body"), String.class), field(name("created_at"), OffsetDateTime.class));
        for (OutboundMessage m : messages) {
            insert = insert.values(m.id(), m.deliveryId(), m.type().id(), m.address(), m.headline(), m.main(), now);
        }
        insert.onConflictDoNothing().execute();
    }

    @Override
    public List<Kept> first(int limit) {
        return store.dsl().select(field(name("message_id"), Long.class), field(name("channel"), String.class),
                        field(name("address"), String.class), field(name("subject"), String.class), field(name("body"), String.class))
                .from(table(name("herald_outbox"))).orderBy(field(name("message_id"))).limit(limit)
                .fetch(r -> new Kept(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
    }
}
