package dev.herald.campaign.run;

/** Where a run stands. */
public enum RunStatus {
    /** Activities are being started. */
    RUNNING,
    /** Paused by a user or at a breakpoint: no new activity starts until it is resumed. */
    PAUSED,
    /** An activity failed and the error policy says wait: resume after a fix retries it. */
    SUSPENDED,
    /** Nothing to do until a timer (a wait, a scheduler) is due. */
    WAITING,
    /** Every path ended. */
    FINISHED,
    /** Stopped by a user: final. */
    STOPPED,
    /** Aborted by an error: final. */
    FAILED;

    public boolean isFinal() {
        return this == FINISHED || this == STOPPED || this == FAILED;
    }

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
