package dev.herald.campaign.run;

/**
 * Where one activity of a run stands. An activity with no status yet is pending; a waiting one
 * passes on when its timer is due (a wait, a scheduler); a retrying one runs again then (a delivery
 * whose provider asked to try later, or could not be reached).
 */
public enum ActivityStatus {
    RUNNING, DONE, FAILED, SKIPPED, DISABLED, WAITING, RETRYING;

    /** Whether the activity will do nothing more in this run. */
    public boolean isOver() {
        return this == DONE || this == FAILED || this == SKIPPED || this == DISABLED;
    }

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
