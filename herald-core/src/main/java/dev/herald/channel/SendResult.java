package dev.herald.channel;


/** What a channel says happened to one message. */
public sealed interface SendResult {

    /** It left; {@code providerId} is the provider's id for it, when it gives one. */
    record Sent(String providerId) implements SendResult {
    }

    /**
     * It will never leave: {@code reason} says why (a refused address, a message too large), and
     * {@code bounce} how the refusal counts against the address (null when the provider did not
     * refuse it, such as a template that failed to render).
     */
    record Failed(String reason, Bounce bounce) implements SendResult {

        public Failed(String reason) {
            this(reason, null);
        }
    }

    /**
     * It did not leave, and may later: the provider said to try again (an SMTP 4xx reply), or the
     * connection was lost before it was handed over. It stays pending, and the delivery stops after
     * its batch so that a resume sends it.
     */
    record Deferred(String reason) implements SendResult {
    }

    SendResult SENT = new Sent(null);
}
