package dev.herald.cli;

import dev.herald.error.Action;
import dev.herald.error.Problem;
import dev.herald.error.UserError;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** How the CLI says a problem: where as an option of the command line, what to do as a command. */
final class Hints {

    /** Request fields as the command line spells them. */
    private static final Map<String, String> OPTIONS = Map.of(
            "variables", "--var", "breakpoints", "--break-before", "fields", "--fields");

    private Hints() {
    }

    /** The command that does {@code action}. */
    static String command(Action action) {
        return switch (action) {
            case Action.ResumeRun r -> "herald run resume " + r.run() + (r.force() ? " --force" : "");
            case Action.ApproveDelivery d -> "herald run approve " + d.run() + " " + d.activity();
            case Action.ListRuns l -> "herald run list";
            case Action.ApplySchema s -> "herald schema apply" + (s.allowDestructive() ? " --allow-destructive" : "");
            case Action.ImportInMode m -> "herald import ENTITY FILE --mode " + m.mode();
            case Action.SaveAudience s -> "herald audience save NAME 'EXPR'";
            case Action.OpenWorkspace w -> "herald init DIR, or --workspace DIR";
            case Action.RestoreCampaign r -> "herald campaign restore " + r.campaign();
        };
    }

    /** Where, as the command line spells it: {@code variables.discount} is {@code --var discount}. */
    static String where(String path) {
        if (path == null || path.isEmpty()) {
            return null;
        }
        for (var o : OPTIONS.entrySet()) {
            if (path.equals(o.getKey())) {
                return o.getValue();
            }
            if (path.startsWith(o.getKey() + ".")) {
                return o.getValue() + " " + path.substring(o.getKey().length() + 1);
            }
            if (path.startsWith(o.getKey() + "[")) {
                return o.getValue();
            }
        }
        return path;
    }

    /**
     * A user error as lines for the terminal: its problems, each where it is, then what to do —
     * on the same line for a lone problem ({@code no run 99 — see herald run list}).
     */
    static String render(UserError e) {
        List<Problem> problems = e.problems();
        if (e.summary() == null && problems.size() == 1) {
            Problem p = problems.get(0);
            String where = where(p.path());
            return (where == null ? "" : where + ": ") + p.message() + (p.hint() == null ? "" : " — see " + command(p.hint()));
        }
        StringBuilder b = new StringBuilder();
        String indent = "";
        if (e.summary() != null) {
            b.append(e.summary()).append(problems.isEmpty() ? "" : ":");
            indent = "  ";
        }
        Set<String> commands = new LinkedHashSet<>();
        for (Problem p : problems) {
            String where = where(p.path());
            if (!b.isEmpty()) {
                b.append('\n');
            }
            b.append(indent).append(((where == null ? "" : where + ": ") + p.message()).replace("\n", "\n" + indent + "  "));
            if (p.hint() != null) {
                commands.add(command(p.hint()));
            }
        }
        for (String c : commands) {
            b.append("\n").append(indent).append("→ ").append(c);
        }
        return b.toString();
    }

    /** A log line's message with what to do next. */
    static String withHint(String message, Action hint) {
        return hint == null ? message : message + " — " + command(hint);
    }
}
