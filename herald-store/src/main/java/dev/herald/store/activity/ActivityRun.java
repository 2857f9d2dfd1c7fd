package dev.herald.store.activity;

import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.herald.campaign.Activity;
import dev.herald.campaign.Plan;
import dev.herald.campaign.Population;
import dev.herald.expr.CheckedExpression;
import dev.herald.expr.ExpressionChecker;
import dev.herald.schema.Schema;
import dev.herald.store.Store;
import dev.herald.store.audience.ExpressionSql;
import dev.herald.store.run.RunRecord;
import dev.herald.store.run.Runs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.Select;
import org.jooq.conf.ParamType;

/**
 * One execution of one activity: what arrives on its inbound transitions, what it may read (the
 * schema, the run's variables and clock, the workspace), and where it records what it did — its
 * outbound transitions, the SQL it ran, and lines for the run log. The runner commits it with the
 * activity's outcome (a set-based activity's one transaction, a channel activity's last one).
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

    private final Store store;
    private final Schema schema;
    private final ExpressionChecker checker;
    private final Plan plan;
    private final Activity activity;
    private final RunRecord run;
    private final Instant now;
    private final Path workspace;
    private final Runs runs;
    private final List<Input> inputs;
    private final Map<String, Output> outputs = new LinkedHashMap<>();
    private final List<String> sql = new ArrayList<>();
    private final List<String[]> notes = new ArrayList<>();

    public ActivityRun(Store store, Schema schema, ExpressionChecker checker, Plan plan, Activity activity, RunRecord run,
                       Instant now, Path workspace, Runs runs, List<Input> inputs) {
        this.store = store;
        this.schema = schema;
        this.checker = checker;
        this.plan = plan;
        this.activity = activity;
        this.run = run;
        this.now = now;
        this.workspace = workspace;
        this.runs = runs;
        this.inputs = List.copyOf(inputs);
    }

    public Store store() {
        return store;
    }

    public DSLContext dsl() {
        return store.dsl();
    }

    public Schema schema() {
        return schema;
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

    /** The instant every expression of this activity is judged at. */
    public Instant now() {
        return now;
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

    /** A compiler of expressions with this run's variables and clock. */
    public ExpressionSql expressions() {
        return new ExpressionSql(schema, store.dialect(), run.variables(), now);
    }

    public CheckedExpression condition(String text, Population p) {
        return checker.check(text, p.expressionDimension(), p.expressionTarget());
    }

    public CheckedExpression value(String text, Population p) {
        return checker.checkValue(text, p.expressionDimension(), p.expressionTarget());
    }

    public ExpressionChecker checker() {
        return checker;
    }

    /** A new worktable name for this run. */
    public String newWorktable() {
        return runs.newWorktable(run.id());
    }

    /** Runs a statement, keeping its SQL (with its bound parameters listed) and its time for the run's monitoring. */
    public int execute(Query query) {
        String text = describe(query);
        long started = System.nanoTime();
        int rows = query.execute();
        double seconds = (System.nanoTime() - started) / 1e9;
        // DuckDB does not say how many rows a CREATE TABLE … AS wrote (-1)
        sql.add(text + (rows < 0 ? String.format(java.util.Locale.ROOT, "\n-- %.3f s", seconds)
                : String.format(java.util.Locale.ROOT, "\n-- %.3f s, %,d rows", seconds, rows)));
        return rows;
    }

    /** {@code CREATE TABLE name AS select}; returns the number of rows. */
    public long create(String worktable, Select<?> select) {
        int rows = execute(dsl().createTable(name(worktable)).as(select));
        return rows >= 0 ? rows : count(worktable);
    }

    public long count(String worktable) {
        return dsl().fetchCount(table(name(worktable)));
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
        notes.add(new String[] {"info", message});
    }

    public void warning(String message) {
        notes.add(new String[] {"warning", message});
    }

    public Map<String, Output> outputs() {
        return outputs;
    }

    public List<String> sql() {
        return sql;
    }

    /** Lines for the run log: {level, message}. */
    public List<String[]> notes() {
        return notes;
    }

    private String describe(Query q) {
        String text = q.getSQL(ParamType.INDEXED);
        List<Object> values = store.dsl().extractBindValues(q);
        if (values.isEmpty()) {
            return text;
        }
        StringBuilder b = new StringBuilder(text).append("\n-- parameters:");
        for (int i = 0; i < values.size(); i++) {
            Object v = values.get(i);
            String s = String.valueOf(v);
            b.append("\n--   ").append(i + 1).append(": ").append(v instanceof String ? '"' + (s.length() > 80 ? s.substring(0, 77) + "..." : s) + '"' : s);
        }
        return b.toString();
    }
}
