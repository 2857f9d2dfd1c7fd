package dev.herald.delivery.run;

/**
 * A live delivery has its messages ready and waits for someone to approve it; the message says how
 * many, who is left out and why, and what one of them looks like.
 */
public final class AwaitingApproval extends Exception {

    public AwaitingApproval(String message) {
        super(message, null, false, false);
    }
}
