package dev.herald.compliance;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The rules one delivery checks, fixed at the moment {@code at} it resolves its recipients: its
 * channel and category, its topic (or null), and the frequency caps that apply with the start of
 * each one's window. Both forms of the rules read them from here.
 */
public record DeliveryRules(String channel, Category category, ComplianceRules.Topic topic, List<Cap> caps, Instant at) {

    /** A cap as this delivery checks it: fewer than {@code max} counted messages on {@code channels} (all when empty) since {@code since}. */
    public record Cap(long max, Instant since, Set<String> channels, String description) {
    }

    /** A marketing delivery on {@code channel} with no topic and no caps, at {@code at}. */
    public static DeliveryRules plain(String channel, Instant at) {
        return new DeliveryRules(channel, Category.MARKETING, null, List.of(), at);
    }

    public DeliveryRules {
        caps = List.copyOf(caps);
    }

    public boolean marketing() {
        return category == Category.MARKETING;
    }
}
