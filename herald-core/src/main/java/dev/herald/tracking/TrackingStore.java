package dev.herald.tracking;

import java.util.List;
import java.util.Optional;

/** Where tracking events go and what reports read of them. */
public interface TrackingStore {

    /** Appends a batch of events in one unit of work. */
    void append(List<TrackingEvent> events);

    /** The message of a link, if it is still in the message log. */
    Optional<TrackedMessage> message(long messageId);

    /** What a delivery's recipients did with its messages. */
    Engagement engagement(long deliveryId);
}
