package dev.herald.campaign.run;

/** Where one activity of a run stands. An activity with no status yet is pending. */
public enum ActivityStatus {
    RUNNING, DONE, FAILED, SKIPPED, DISABLED, WAITING;

    /** Whether the activity will do nothing more in this run. */
    public boolean isOver() {
        return this == DONE || this == FAILED || this == SKIPPED || this == DISABLED;
    }

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
