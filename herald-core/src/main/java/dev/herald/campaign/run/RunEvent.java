package dev.herald.campaign.run;

/** What happens to a run, moving it from one {@link RunStatus} to another (see {@link RunLifecycle}). */
public enum RunEvent {
    /** A user pauses it: no new activity starts. */
    PAUSE,
    /** The process driving it is interrupted (Ctrl-C): it pauses between two activities. */
    INTERRUPT,
    /** It reaches a breakpoint. */
    BREAKPOINT,
    /** A user resumes it (or a process takes up a run whose driver died). */
    RESUME,
    /** A user stops it for good. */
    STOP,
    /** A user restarts it: this run stops, a new one of the same version starts. */
    RESTART,
    /** An activity failed and the error policy says wait for a fix; or nothing can go on past a failure. */
    SUSPEND,
    /** An activity failed and the error policy says abort. */
    ABORT,
    /** Nothing to do until a timer that is further away than the driver waits. */
    WAIT,
    /** Every path ended. */
    FINISH;

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
