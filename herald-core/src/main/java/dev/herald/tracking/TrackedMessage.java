package dev.herald.tracking;

import java.time.Instant;

/** The message a signed link was made for, as its unsubscribe page needs it. */
public record TrackedMessage(long id, long deliveryId, String campaign, String channel, String dimension, String recipient,
                             String address, String topic, String category, Instant sentAt) {
}
