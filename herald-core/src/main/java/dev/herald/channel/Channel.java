package dev.herald.channel;

import java.util.List;

/**
 * A way messages leave Herald — the outbox, an SMTP relay, an SMSC, a push service — registered by
 * its id in the app's registry. The delivery pipeline hands it batches of rendered messages, from
 * several threads at once when the delivery allows it, and records what it says happened to each.
 * A channel must take a message it was given before (after a crash) without sending it twice, or
 * say so in its documentation.
 */
public interface Channel {

    /** Its id in the registry and the configuration ({@code outbox}, {@code smtp}). */
    String id();

    /**
     * Sends a batch; returns one result per message, in the batch's order.
     *
     * @throws ChannelUnavailableException when the provider cannot be reached: nothing of the batch is
     *                                     known to be sent, and the delivery pauses
     */
    List<SendResult> send(List<OutboundMessage> batch) throws ChannelUnavailableException;

    /**
     * How many parts of a batch it takes at once (from as many threads): an SMTP relay's number of
     * connections; 1 for a channel that writes to the store.
     */
    default int concurrency() {
        return 1;
    }

    /**
     * The most messages of one batch: their statuses are written together once the batch is sent,
     * so a process killed in the middle of a batch sends again, on resume, the messages of it that
     * had already left — a channel that cannot take a message twice without sending it twice keeps
     * its batches small. The outbox takes a message twice without harm.
     */
    default int batch() {
        return Integer.MAX_VALUE;
    }

    /**
     * Whether the provider's id of each sent message is kept ({@code herald_provider_id}), so that
     * receipts arriving later, after a restart too, find their message. An SMSC's receipts need it;
     * an SMTP relay's Message-ID is Herald's own and derived from the message id.
     */
    default boolean keepsProviderIds() {
        return false;
    }
}
