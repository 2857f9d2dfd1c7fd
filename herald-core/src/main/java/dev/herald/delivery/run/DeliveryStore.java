package dev.herald.delivery.run;

import dev.herald.compliance.DeliveryRules;
import dev.herald.delivery.Addressing;
import dev.herald.campaign.run.ActivityRun;
import dev.herald.channel.SendResult;
import dev.herald.campaign.run.RunRecord;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where deliveries and their messages live: one delivery per channel activity of a run, one row
 * per message in the message log. The store resolves a population's recipients into it in one
 * set-based statement, gives the pending messages back as a stream, and records their statuses a
 * batch at a time.
 */
public interface DeliveryStore {

    /** The delivery of an activity of a run, if it was prepared. */
    Optional<Long> find(long runId, String activity);

    /** A new delivery of {@code activity} on {@code channel}; returns its id. */
    long create(RunRecord run, String activity, String channel);

    /**
     * Resolves the recipients of the activity's inbound population into the message log — one
     * message per recipient (and per secondary record), each pending, or excluded with its reason
     * under {@code rules} — in one statement that the activity's monitoring keeps; returns how many messages.
     */
    long resolve(ActivityRun run, long deliveryId, Addressing addressing, String perFilter, DeliveryRules rules);

    /** Adds one pending message per address, to people who are not records (a campaign's supervisors). */
    void addressTo(ActivityRun run, long deliveryId, String channel, List<String> addresses);

    /** The delivery's pending messages, with the records their templates read. */
    PendingMessages pending(ActivityRun run, long deliveryId, Addressing addressing);

    /** The pending messages of {@link #addressTo} (no records to read). */
    PendingMessages pendingToAddresses(long deliveryId);

    /** Approves a delivery: from now on it sends; {@code by} says who or what approved it. Approving it again changes nothing. */
    void approve(long deliveryId, String by);

    /** Who or what approved the delivery, or empty while it waits for approval. */
    Optional<String> approvedBy(long deliveryId);

    /** Marks a delivery done: every message of it is sent, failed or excluded. */
    void done(long deliveryId);

    /** The delivery's messages counted by status and exclusion reason. */
    Summary summary(long deliveryId);

    /**
     * Marks a batch's messages sent — the pending ones of the delivery from the first id of
     * {@code sent} to its last, as {@link #pending} gave them, in id order, except the
     * {@code deferred} ones, which stay pending — and the failed ones failed with their reason, in
     * one unit of work, with the provider's ids of those the channel keeps them for. A failure the provider classified as a bounce or a complaint is recorded
     * against the address, and puts it on the suppression list when the policy says so. The
     * {@code excluded} ones are not sent for good, with the reason (quiet hours that drop).
     */
    default void record(long deliveryId, List<Long> sent, Map<Long, String> providerIds, Map<Long, SendResult.Failed> failed,
                        List<Long> deferred, Map<Long, String> excluded) {
        record(deliveryId, sent, providerIds, failed, deferred, excluded, Map.of());
    }

    /** As above, and in the same unit of work keeps the view-online {@code mirrors} of sent messages (message id → the HTML body it got). */
    void record(long deliveryId, List<Long> sent, Map<Long, String> providerIds, Map<Long, SendResult.Failed> failed, List<Long> deferred,
                Map<Long, String> excluded, Map<Long, String> mirrors);

    /**
     * Records a provider's receipt on its message — {@code messageId}, or when null the message the
     * provider's id was kept for ({@link dev.herald.channel.Channel#keepsProviderIds}); an
     * undelivered message counts as a soft bounce of its address. Returns whether a message was found.
     */
    boolean receipt(Long messageId, String channel, String providerId, dev.herald.channel.ChannelEvents.Receipt receipt, String detail);

    /**
     * The transition of the recipients who got a message (or in a test run, would get one): a view
     * of the inbound worktable filtered by the message log, nothing copied; marks the delivery done.
     */
    Reached reached(ActivityRun run, long deliveryId);

    /** The recipients' worktable (a view), how many there are, and the delivery's messages counted. */
    record Reached(String worktable, long recipients, Summary summary) {
    }

    /**
     * A delivery's messages per status, excluded ones per reason ({@code excluded:no_consent}), and
     * how many recipients got (or, in a test run, would get) at least one.
     */
    record Summary(Map<String, Long> messages, long recipientsReached) {
    }
}
