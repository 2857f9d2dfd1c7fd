package dev.herald.campaign.run;

import dev.herald.campaign.Activity;
import dev.herald.campaign.plan.Plan;
import dev.herald.campaign.Population;
import dev.herald.delivery.MessageTemplate;
import dev.herald.expr.CheckedExpression;
import dev.herald.expr.ExpressionChecker;
import dev.herald.schema.Entity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One execution of one activity, as its executor sees it: what arrives on its inbound transitions,
 * what it may read — the plan with its checked expressions and parsed templates, the run's
 * variables and clock, the workspace's files — and where it records what it did: its outbound
 * transitions, the statements it ran, and lines for the run log. The driver records the outcome
 * with the activity's last unit of work.
 */
public final class ActivityRun {

    /** An inbound transition: the population it carries, in which worktable, how many rows. */
    public record Input(String transition, Population population, String worktable, long rows) {
    }

    /**
     * An outbound transition: active with its worktable and count (no worktable: a signal without
     * records), or dead, with a note saying why.
     */
    public record Output(boolean active, String worktable, long rows, String note) {
    }

    /** A line for the run log. */
    public record Note(String level, String message) {
    }

    private final Plan plan;
    private final Activity activity;
    private final RunRecord run;
    private final Instant now;
    private final Path workspace;
    private final List<Input> inputs;
    private final Supplier<String> worktables;
    private final ExpressionChecker savedAudiences;
    private final Map<String, Output> outputs = new LinkedHashMap<>();
    private final List<String> statements = new ArrayList<>();
    private final List<Note> notes = new ArrayList<>();

    /**
     * @param worktables     gives a new worktable name of the run each time
     * @param savedAudiences checks the expression of a saved audience that changed since the campaign was validated
     */
    public ActivityRun(Plan plan, Activity activity, RunRecord run, Instant now, Path workspace, List<Input> inputs,
                       Supplier<String> worktables, ExpressionChecker savedAudiences) {
        this.plan = plan;
        this.activity = activity;
        this.run = run;
        this.now = now;
        this.workspace = workspace;
        this.inputs = List.copyOf(inputs);
        this.worktables = worktables;
        this.savedAudiences = savedAudiences;
    }

    public Plan plan() {
        return plan;
    }

    public Activity activity() {
        return activity;
    }

    public RunRecord record() {
        return run;
    }

    public boolean test() {
        return run.test();
    }

    /** The values of {@code vars.*}. */
    public Map<String, Object> variables() {
        return run.variables();
    }

    /** The instant every expression of this activity is judged at. */
    public Instant now() {
        return now;
    }

    /** The workspace folder, where the campaign's files are. */
    public Path workspace() {
        return workspace;
    }

    /**
     * A file of the workspace, named relative to it; a campaign cannot reach a file elsewhere
     * (an absolute path, or {@code ..} out of the workspace, is refused). The path is not resolved:
     * use {@link #fileToRead} and {@link #fileToWrite}, which follow symbolic links.
     */
    public Path file(String path) {
        Path root = workspace.toAbsolutePath().normalize();
        Path p = root.resolve(path).normalize();
        if (Path.of(path).isAbsolute() || !p.startsWith(root)) {
            throw new IllegalArgumentException("'" + path + "' is outside the workspace " + root
                    + "; a campaign reads and writes files of its workspace only (name them relative to it)");
        }
        return p;
    }

    /**
     * A file of the workspace to read: where it really is (symbolic links followed) must be in the
     * workspace too, else it is refused before a byte of it is read. A file that does not exist
     * comes back as named, for the caller to say so.
     */
    public Path fileToRead(String path) {
        Path p = file(path);
        try {
            if (Files.exists(p)) {
                if (!p.toRealPath().startsWith(realWorkspace())) {
                    throw outside(path);
                }
            } else if (Files.isSymbolicLink(p)) {
                throw link(path);
            }
            return p;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read '" + path + "': " + e.getMessage());
        }
    }

    /**
     * A file of the workspace to write: its folder, where it really is, must be in the workspace,
     * and the file itself must not be a symbolic link (it would write where the link points).
     */
    public Path fileToWrite(String path) {
        Path p = file(path);
        if (Files.isSymbolicLink(p)) {
            throw link(path);
        }
        Path existing = p.getParent();
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        try {
            if (existing != null && !existing.toRealPath().startsWith(realWorkspace())) {
                throw outside(path);
            }
        } catch (IOException e) {
            throw outside(path); // a folder on the way is a link that leads nowhere
        }
        return p;
    }

    private Path realWorkspace() throws IOException {
        Path root = workspace.toAbsolutePath().normalize();
        return Files.exists(root) ? root.toRealPath() : root;
    }

    private IllegalArgumentException outside(String path) {
        return new IllegalArgumentException("'" + path + "' leads out of the workspace " + workspace.toAbsolutePath().normalize()
                + " through a symbolic link; a campaign reads and writes files of its workspace only");
    }

    private static IllegalArgumentException link(String path) {
        return new IllegalArgumentException("'" + path + "' is a symbolic link; name a file of the workspace itself, not a link");
    }

    public List<Input> inputs() {
        return inputs;
    }

    /** The single (or first) inbound transition. */
    public Input input() {
        return inputs.get(0);
    }

    /** The population an outbound transition carries, as validation typed it. */
    public Population population(String output) {
        return plan.population(activity.transition(output));
    }

    /** A condition on the records of {@code p}, as validation checked it. */
    public CheckedExpression condition(String text, Population p) {
        return plan.expressions().condition(text, p);
    }

    /** A value on the records of {@code p}, as validation checked it. */
    public CheckedExpression value(String text, Population p) {
        return plan.expressions().value(text, p);
    }

    /** A condition on {@code entity}'s records alone (a linked entity's rows), as validation checked it. */
    public CheckedExpression condition(String text, Entity entity) {
        return plan.expressions().condition(text, entity, null);
    }

    /** A value on {@code entity}'s records alone, as validation checked it. */
    public CheckedExpression value(String text, Entity entity) {
        return plan.expressions().value(text, entity, null);
    }

    /**
     * The condition of a saved audience on {@code dimension}: as validation checked it, or — when the
     * audience was saved again since, with another condition — checked now.
     */
    public CheckedExpression savedAudience(String text, Entity dimension) {
        return plan.expressions().hasCondition(text, dimension, null) ? plan.expressions().condition(text, dimension, null)
                : savedAudiences.check(text, dimension, null);
    }

    /** A message template, as validation parsed it. */
    public MessageTemplate template(String text) {
        return plan.templates().of(text);
    }

    /** A new worktable name for this run. */
    public String newWorktable() {
        return worktables.get();
    }

    /** An outbound transition carrying {@code worktable}. */
    public void output(String name, String worktable, long rows) {
        outputs.put(name, new Output(true, worktable, rows, null));
    }

    /** An outbound transition that is not activated: its path stops. */
    public void dead(String name, String note) {
        outputs.put(name, new Output(false, null, 0, note));
    }

    public void info(String message) {
        notes.add(new Note("info", message));
    }

    public void warning(String message) {
        notes.add(new Note("warning", message));
    }

    /** Keeps a statement the activity ran (its text, parameters and time), for the run's monitoring. */
    public void ran(String statement) {
        statements.add(statement);
    }

    public Map<String, Output> outputs() {
        return outputs;
    }

    /** The statements it ran, in order. */
    public List<String> statements() {
        return statements;
    }

    public List<Note> notes() {
        return notes;
    }
}
