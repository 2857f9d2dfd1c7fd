package dev.herald.delivery.run;

import dev.herald.channel.OutboundMessage;
import java.util.List;

/**
 * Where the outbox channel keeps the messages it is given instead of sending them: the store's
 * {@code herald_outbox}, one row per message id. Adding a message that is there already changes
 * nothing, so that a batch sent again after a crash is kept once.
 */
public interface Outbox {

    void add(List<OutboundMessage> messages);

    /** The first {@code limit} messages kept, by message id. */
    List<Kept> first(int limit);

    /** A message as the outbox keeps it: which message, of which kind, to whom, and its headline and text. */
    record Kept(long messageId, String channel, String address, String subject, String body) {
    }
}
