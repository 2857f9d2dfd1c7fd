package dev.herald.compliance;

import java.time.Duration;

/**
 * When an address goes on the suppression list by itself: at once on a hard bounce or a complaint
 * (until someone removes it), and after {@code softBounces} soft bounces within
 * {@code softBounceWindow} (released after {@code softBounceRelease}).
 */
public record SuppressionPolicy(long softBounces, Duration softBounceWindow, Duration softBounceRelease) {

    public static final SuppressionPolicy DEFAULT = new SuppressionPolicy(5, Duration.ofDays(3), Duration.ofDays(30));
}
