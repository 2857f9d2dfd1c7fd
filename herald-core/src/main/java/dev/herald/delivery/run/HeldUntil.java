package dev.herald.delivery.run;

import java.time.Instant;

/**
 * A delivery sent what it could and holds the rest until {@code until}: their recipients are in
 * their quiet hours, or outside the delivery's send window. The messages stay pending; the delivery runs again then.
 */
public final class HeldUntil extends Exception {

    private final Instant until;
    private final long messages;

    public HeldUntil(long messages, Instant until) {
        super(String.format("%,d message%s held for the recipient's local time (quiet hours, send window); sending again at %s", messages,
                messages == 1 ? " is" : "s are", until), null, false, false);
        this.messages = messages;
        this.until = until;
    }

    public Instant until() {
        return until;
    }

    public long messages() {
        return messages;
    }
}
