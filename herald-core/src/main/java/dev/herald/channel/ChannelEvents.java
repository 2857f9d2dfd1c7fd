package dev.herald.channel;

/**
 * What a provider tells Herald after a message left, or on its own: a delivery receipt (an SMSC's
 * {@code DELIVRD}, {@code UNDELIV}), a message a recipient sent back (an SMS saying STOP), a bounce
 * or complaint that came back to the return mailbox. A
 * channel calls it from the provider's threads; the app records the receipts in the message log
 * and turns opt-out words into unsubscribes.
 */
public interface ChannelEvents {

    /** What became of a message, as the provider finally saw it. */
    enum Receipt {
        /** It reached the handset (or mailbox). */
        DELIVERED,
        /** It will not: expired, deleted, rejected or undeliverable ({@code detail} says which). */
        UNDELIVERED
    }

    /**
     * A receipt for the message {@code messageId} (null when the channel no longer knows it: the
     * store finds it by the provider's id).
     */
    void receipt(String channel, Long messageId, String providerId, Receipt receipt, String detail);

    /** A message from {@code from} to Herald's number {@code to} (an SMS reply). */
    void inbound(String channel, String from, String to, String text);

    /**
     * A message that came back after it left: a bounce (a DSN, RFC 3464) or a complaint (an ARF
     * report, RFC 5965) naming the message {@code messageId}. Returns whether the message log holds
     * that message.
     */
    boolean returned(String channel, long messageId, Bounce kind, String detail);

    /** Events that go nowhere: for channels used without a store (tests of one channel). */
    ChannelEvents NONE = new ChannelEvents() {
        @Override
        public void receipt(String channel, Long messageId, String providerId, Receipt receipt, String detail) {
        }

        @Override
        public void inbound(String channel, String from, String to, String text) {
        }

        @Override
        public boolean returned(String channel, long messageId, Bounce kind, String detail) {
            return false;
        }
    };
}
