package dev.herald.store.activity;

/**
 * An activity that runs SQL on whole sets: it reads its inbound worktables and writes its outbound
 * ones ({@code CREATE TABLE … AS SELECT}), never pulling rows into Java. It runs inside one
 * transaction: a crash leaves no trace of it, and a restart runs it again.
 */
@FunctionalInterface
public interface SetActivity {

    void run(ActivityRun run) throws Exception;
}
