package dev.herald.store.activity;

import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.herald.campaign.Activity;
import dev.herald.campaign.plan.Plan;
import dev.herald.campaign.Population;
import dev.herald.campaign.run.ActivityRun;
import dev.herald.campaign.run.RunRecord;
import dev.herald.expr.CheckedExpression;
import dev.herald.schema.Entity;
import dev.herald.schema.Schema;
import dev.herald.store.Store;
import dev.herald.store.audience.ExpressionSql;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.Select;
import org.jooq.conf.ParamType;

/**
 * An activity's run as its SQL sees it: the {@link ActivityRun} (inputs, outputs, the plan's checked
 * expressions, the log) and the store, with statements that are kept with their bound parameters
 * and times for the run's monitoring.
 */
public final class ActivitySql {

    private final Store store;
    private final ActivityRun run;

    public ActivitySql(Store store, ActivityRun run) {
        this.store = store;
        this.run = run;
    }

    public Store store() {
        return store;
    }

    public DSLContext dsl() {
        return store.dsl();
    }

    public ActivityRun run() {
        return run;
    }

    public Schema schema() {
        return run.plan().schema();
    }

    public Plan plan() {
        return run.plan();
    }

    public Activity activity() {
        return run.activity();
    }

    public RunRecord record() {
        return run.record();
    }

    public boolean test() {
        return run.test();
    }

    /** The instant every expression of this activity is judged at. */
    public Instant now() {
        return run.now();
    }

    /** A file of the workspace, named relative to it (see {@link ActivityRun#file}). */
    public Path file(String path) {
        return run.file(path);
    }

    /** A file of the workspace to read, where it really is (see {@link ActivityRun#fileToRead}). */
    public Path fileToRead(String path) {
        return run.fileToRead(path);
    }

    /** A file of the workspace to write, never through a link (see {@link ActivityRun#fileToWrite}). */
    public Path fileToWrite(String path) {
        return run.fileToWrite(path);
    }

    public List<ActivityRun.Input> inputs() {
        return run.inputs();
    }

    public ActivityRun.Input input() {
        return run.input();
    }

    public Population population(String output) {
        return run.population(output);
    }

    /** A compiler of expressions with this run's variables and clock. */
    public ExpressionSql expressions() {
        return new ExpressionSql(schema(), store.dialect(), run.variables(), run.now());
    }

    public CheckedExpression condition(String text, Population p) {
        return run.condition(text, p);
    }

    public CheckedExpression value(String text, Population p) {
        return run.value(text, p);
    }

    public CheckedExpression condition(String text, Entity entity) {
        return run.condition(text, entity);
    }

    public CheckedExpression value(String text, Entity entity) {
        return run.value(text, entity);
    }

    public String newWorktable() {
        return run.newWorktable();
    }

    /** Runs a statement, keeping its SQL (with its bound parameters listed) and its time for the run's monitoring. */
    public int execute(Query query) {
        String text = describe(query);
        long started = System.nanoTime();
        int rows = query.execute();
        double seconds = (System.nanoTime() - started) / 1e9;
        // DuckDB does not say how many rows a CREATE TABLE … AS wrote (-1)
        run.ran(text + (rows < 0 ? String.format(java.util.Locale.ROOT, "\n-- %.3f s", seconds)
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

    public void output(String name, String worktable, long rows) {
        run.output(name, worktable, rows);
    }

    public void dead(String name, String note) {
        run.dead(name, note);
    }

    public void info(String message) {
        run.info(message);
    }

    public void warning(String message) {
        run.warning(message);
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
