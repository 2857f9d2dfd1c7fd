package dev.herald.tracking;

import java.time.Instant;

/**
 * What a signed link answered: an open of a message's pixel, a click of one of its links, an
 * unsubscribe. {@code machine} says why it was not a person (a privacy proxy fetching images, a
 * link scanner, the hidden honeypot link), or is null for a person as far as the request shows
 * (reports also leave out clicks that came too soon after sending).
 *
 * @param link a click's link, numbered from 1 in the message's order (0: the hidden honeypot link); 0 otherwise
 * @param url  where a click went, or null
 */
public record TrackingEvent(Kind kind, long messageId, int link, String url, Instant at, String userAgent, String machine) {

    /** The longest user agent kept. */
    public static final int USER_AGENT = 512;

    public enum Kind {
        OPEN, CLICK, UNSUBSCRIBE;

        /** Its name in the event log and in reports: {@code open}, {@code click}, {@code unsubscribe}. */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public TrackingEvent {
        if (userAgent != null && userAgent.length() > USER_AGENT) {
            userAgent = userAgent.substring(0, USER_AGENT);
        }
    }

    /** The delivery the message belongs to: message ids are numbered from {@code delivery id × 2^32}. */
    public long deliveryId() {
        return messageId >>> 32;
    }
}
