package dev.herald.channel.provider;

import dev.herald.channel.SendResult;

/** What one request to a provider's HTTP API came to (a push service, an SMS gateway). */
public sealed interface Attempt {

    /** The service decided: the message was sent or refused for good. */
    record Done(SendResult result) implements Attempt {
    }

    /** The service said to try again (429, 5xx), or did not answer. */
    record Later(String reason) implements Attempt {
    }

    /** The service refused Herald's credentials: no message can leave until they are fixed. */
    record Refused(String reason) implements Attempt {
    }

    public static Attempt sent(String providerId) {
        return new Done(new SendResult.Sent(providerId));
    }

    public static Attempt failed(String reason, dev.herald.channel.Bounce bounce) {
        return new Done(new SendResult.Failed(reason, bounce));
    }
}
