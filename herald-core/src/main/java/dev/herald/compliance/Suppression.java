package dev.herald.compliance;

import java.time.Instant;

/**
 * An address on the suppression list of a channel: it gets no message of that channel, marketing or
 * transactional, until {@code expiresAt} (null: until someone removes it).
 *
 * @param reason {@code hard_bounce}, {@code complaint}, {@code soft_bounces}, {@code manual} or {@code import}
 * @param detail the provider's answer, or a note
 * @param source the message, the file or the command it came from
 */
public record Suppression(String channel, String address, String reason, String detail, String source, Instant createdAt,
                          Instant expiresAt) {

    public static final String HARD_BOUNCE = "hard_bounce";
    public static final String COMPLAINT = "complaint";
    public static final String SOFT_BOUNCES = "soft_bounces";
    public static final String MANUAL = "manual";
    public static final String IMPORT = "import";
    /** Every reason an entry can have. */
    public static final java.util.List<String> REASONS = java.util.List.of(HARD_BOUNCE, COMPLAINT, SOFT_BOUNCES, MANUAL, IMPORT);
}
