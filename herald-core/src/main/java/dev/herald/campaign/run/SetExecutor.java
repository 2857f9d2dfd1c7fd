package dev.herald.campaign.run;

import dev.herald.campaign.ActivityConfig;

/**
 * Runs a set-based activity of one type: it reads its inbound worktables and writes its outbound
 * ones, never pulling rows into Java, inside one unit of work that also records its outcome — a
 * crash leaves no trace of it, and a restart runs it again. Registered by type in the app's registry.
 */
@FunctionalInterface
public interface SetExecutor<C extends ActivityConfig> {

    void run(ActivityRun run, C config) throws Exception;
}
