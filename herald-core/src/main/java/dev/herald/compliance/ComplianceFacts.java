package dev.herald.compliance;

import java.time.Instant;
import java.util.Set;

/**
 * What the in-memory form of the rules reads about one recipient, one lookup at a time (a journey's
 * customer): the store answers from the suppression list, the subscriptions and the message log —
 * the same tables the SQL form joins for a whole population.
 */
public interface ComplianceFacts {

    /** The topic of a subscription to a whole channel. */
    String WHOLE_CHANNEL = "";

    /** Whether {@code address} (trimmed, lower case) is on the suppression list for {@code channel} at {@code at}. */
    boolean suppressed(String channel, String address, Instant at);

    /**
     * The recipient's subscription to {@code topic} on {@code channel} ({@link #WHOLE_CHANNEL} for the
     * channel itself): true, false, or null when the recipient never said.
     */
    Boolean subscribed(String dimension, Object key, String channel, String topic);

    /**
     * How many marketing messages to the recipient on {@code channels} (all when empty), sent or
     * pending, were sent (or, pending, created) at or after {@code since}, other than those of the
     * delivery {@code except}.
     */
    long marketingMessagesSince(String dimension, Object key, Set<String> channels, Instant since, long except);
}
