package dev.herald.error;

/**
 * Something a user can do next, suggested by a problem or a run's log: the CLI renders it as a
 * command ({@code herald run resume 42}), the API as the route to call. Store and engine code say
 * which action, never how a client spells it.
 */
public sealed interface Action {

    /** Resume a paused, suspended or waiting run; {@code force} takes it over from a process that seems to drive it. */
    record ResumeRun(long run, boolean force) implements Action {
    }

    /** Approve a delivery that waits for it, which resumes its run. */
    record ApproveDelivery(long run, String activity) implements Action {
    }

    /** See the runs there are. */
    record ListRuns() implements Action {
    }

    /** Create or alter the store's tables to match the schema; {@code allowDestructive} also drops and retypes. */
    record ApplySchema(boolean allowDestructive) implements Action {
    }

    /** Import again in another mode (upsert updates the rows whose keys exist). */
    record ImportInMode(String mode) implements Action {
    }

    /** Save a named audience. */
    record SaveAudience() implements Action {
    }

    /** Make a workspace, or name the one to use. */
    record OpenWorkspace() implements Action {
    }

    /** Take an archived campaign out of the archive, so that it is scheduled and may be started again. */
    record RestoreCampaign(String campaign) implements Action {
    }

    /** The stored form of an action, for a log line: {@code resume_run 42}. */
    static String code(Action a) {
        return switch (a) {
            case null -> null;
            case ResumeRun r -> (r.force() ? "resume_run_force " : "resume_run ") + r.run();
            case ApproveDelivery d -> "approve_delivery " + d.run() + " " + d.activity();
            case ListRuns l -> "list_runs";
            case ApplySchema s -> s.allowDestructive() ? "apply_schema_destructive" : "apply_schema";
            case ImportInMode m -> "import_in_mode " + m.mode();
            case SaveAudience s -> "save_audience";
            case OpenWorkspace w -> "open_workspace";
            case RestoreCampaign r -> "restore_campaign " + r.campaign();
        };
    }

    /** The action a stored code names, or null (an empty or unknown code: a log line of an older Herald). */
    static Action parse(String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        String[] words = code.strip().split(" ", 2);
        String argument = words.length > 1 ? words[1] : "";
        return switch (words[0]) {
            case "resume_run" -> new ResumeRun(Long.parseLong(argument), false);
            case "resume_run_force" -> new ResumeRun(Long.parseLong(argument), true);
            case "approve_delivery" -> argument.contains(" ")
                    ? new ApproveDelivery(Long.parseLong(argument.substring(0, argument.indexOf(' '))), argument.substring(argument.indexOf(' ') + 1))
                    : null;
            case "list_runs" -> new ListRuns();
            case "apply_schema" -> new ApplySchema(false);
            case "apply_schema_destructive" -> new ApplySchema(true);
            case "import_in_mode" -> new ImportInMode(argument);
            case "save_audience" -> new SaveAudience();
            case "open_workspace" -> new OpenWorkspace();
            case "restore_campaign" -> argument.isEmpty() ? null : new RestoreCampaign(argument);
            default -> null;
        };
    }
}
