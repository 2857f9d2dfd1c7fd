package dev.herald.campaign;

/**
 * What a run does when an activity fails: suspend (the run waits to be resumed after a fix), ignore
 * (the failed activity's path ends; after {@code maxConsecutive} failures in a row the run is
 * suspended), or abort (the run ends as failed).
 */
public record ErrorPolicy(Policy policy, long maxConsecutive) {

    public enum Policy { SUSPEND, IGNORE, ABORT }

    public static final ErrorPolicy DEFAULT = new ErrorPolicy(Policy.SUSPEND, 3);
}
