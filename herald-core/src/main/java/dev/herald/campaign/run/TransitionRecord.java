package dev.herald.campaign.run;

/** One decided transition of a run: active with its worktable and count, or dead. */
public record TransitionRecord(String name, boolean active, String worktable, long rows) {
}
