package dev.herald.app.delivery;

import dev.herald.app.engine.Engine;
import dev.herald.delivery.run.Outbox;
import dev.herald.store.delivery.OutboxTable;
import java.util.List;

/** What deliveries sent: the messages the outbox keeps. */
public final class DeliveryService {

    private final Engine app;

    public DeliveryService(Engine app) {
        this.app = app;
    }

    /** The first {@code limit} messages in the outbox, by message id. */
    public List<Outbox.Kept> outbox(int limit) {
        return new OutboxTable(app.store()).first(limit);
    }
}
