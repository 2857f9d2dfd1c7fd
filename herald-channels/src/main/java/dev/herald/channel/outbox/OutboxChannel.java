package dev.herald.channel.outbox;

import dev.herald.channel.Channel;
import dev.herald.channel.OutboundMessage;
import dev.herald.channel.SendResult;
import dev.herald.delivery.run.Outbox;
import java.util.Collections;
import java.util.List;

/**
 * The outbox: every message is kept in the store ({@code herald_outbox}) instead of leaving — for a
 * workspace without providers, for tests, and for a system that picks the messages up itself. A
 * message given again after a crash is kept once.
 */
public final class OutboxChannel implements Channel {

    public static final String ID = "outbox";

    private final Outbox outbox;

    public OutboxChannel(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<SendResult> send(List<OutboundMessage> batch) {
        outbox.add(batch);
        return Collections.nCopies(batch.size(), SendResult.SENT);
    }
}
