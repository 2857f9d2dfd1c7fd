package dev.herald.compliance;

import java.util.Locale;

/**
 * What a delivery's messages are for. Marketing messages need consent, honour unsubscribes and
 * topics, and count toward frequency caps; transactional ones (a receipt, a password reset) are
 * exempt from all three. Both respect the suppression list: an address that bounced or complained
 * gets nothing.
 */
public enum Category {
    MARKETING, TRANSACTIONAL;

    /** The name campaigns and the message log use: {@code marketing}, {@code transactional}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Category of(String id) {
        return id == null ? MARKETING : valueOf(id.toUpperCase(Locale.ROOT));
    }
}
