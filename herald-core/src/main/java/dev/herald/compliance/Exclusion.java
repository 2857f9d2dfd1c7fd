package dev.herald.compliance;

import java.util.List;

/**
 * Why a recipient of a delivery gets no message, as the message log's {@code reason} says it. A
 * recipient gets the first reason that holds, in the order of {@link #ORDER}; both forms of the
 * rules (SQL for a population, in memory for one customer) test them in that order.
 */
public final class Exclusion {

    /** The record left the store after it entered the population. */
    public static final String NO_RECORD = "no_record";
    /** No address for the channel, or only spaces. */
    public static final String NO_ADDRESS = "no_address";
    /** An address the channel's rule refuses ({@code a@b} for email). */
    public static final String INVALID_ADDRESS = "invalid_address";
    /** The schema's consent field for the channel is not true (marketing messages only). */
    public static final String NO_CONSENT = "no_consent";
    /** The recipient unsubscribed from the channel, or from the delivery's opt-out topic. */
    public static final String UNSUBSCRIBED = "unsubscribed";
    /** The delivery's topic is opt-in and the recipient did not subscribe to it. */
    public static final String NOT_SUBSCRIBED = "not_subscribed";
    /** The address is on the suppression list (a hard bounce, a complaint, repeated soft bounces, an entry by hand). */
    public static final String SUPPRESSED = "suppressed";
    /** A frequency cap is reached: the recipient had as many marketing messages in its window as it allows. */
    public static final String FREQUENCY_CAP = "frequency_cap";
    /** Another recipient of the delivery has the same address (compared without case and spaces) and comes first. */
    public static final String DUPLICATE_ADDRESS = "duplicate_address";

    /**
     * Quiet hours with {@code action: drop} held the recipient's local time when the message was due
     * to leave: decided at send time, per message, so it is not in {@link #ORDER}.
     */
    public static final String QUIET_HOURS = "quiet_hours";

    public static final List<String> ORDER = List.of(NO_RECORD, NO_ADDRESS, INVALID_ADDRESS, NO_CONSENT, UNSUBSCRIBED,
            NOT_SUBSCRIBED, SUPPRESSED, FREQUENCY_CAP, DUPLICATE_ADDRESS);

    private Exclusion() {
    }
}
