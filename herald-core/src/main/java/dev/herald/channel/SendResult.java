package dev.herald.channel;

/** What a channel says happened to one message. */
public sealed interface SendResult {

    /** It left; {@code providerId} is the provider's id for it, when it gives one. */
    record Sent(String providerId) implements SendResult {
    }

    /** It will never leave: {@code reason} says why (a refused address, a message too large). */
    record Failed(String reason) implements SendResult {
    }

    SendResult SENT = new Sent(null);
}
