package dev.herald.app.audience;

import dev.herald.app.engine.Engine;
import dev.herald.audience.Audience;
import dev.herald.expr.CheckedExpression;
import dev.herald.expr.Evaluator;
import dev.herald.expr.ExpressionChecker;
import dev.herald.expr.Row;
import dev.herald.error.UserError;
import dev.herald.preview.Preview;
import dev.herald.store.audience.Audiences;
import dev.herald.store.audience.StoredRows;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Audiences written as CEL expressions: count, preview, explain, save, list, and test one record. */
public final class AudienceService {

    /** An expression on a dimension (null: the schema's), with values for {@code vars.*}, judged at {@code now} (null: now). */
    public record Query(String expression, String dimension, Map<String, Object> variables, Instant now) {
    }

    private final Engine app;

    public AudienceService(Engine app) {
        this.app = app;
    }

    /** The expression, checked against the schema. */
    public CheckedExpression check(Query q) {
        return new ExpressionChecker(app.schema()).check(q.expression(), q.dimension() == null ? app.schema().dimension() : q.dimension());
    }

    public long count(Query q) {
        return audiences(q).count(check(q));
    }

    /** The first {@code limit} members by key, with the chosen fields (default: all). */
    public Preview preview(Query q, List<String> fields, int limit) {
        return audiences(q).preview(check(q), fields, limit);
    }

    /** The statement that selects the audience, with its bound parameters listed after it. */
    public String explain(Query q) {
        return audiences(q).explain(check(q));
    }

    /** Saves a named audience as a new version: its condition, or with {@code frozen} its members now. */
    public Audience save(String name, Query q, boolean frozen) {
        CheckedExpression e = check(q);
        return frozen ? audiences(q).saveStatic(name, e) : audiences(q).save(name, e);
    }

    /** Saved audiences, latest version of each. */
    public List<Audience> list() {
        return new Audiences(app.store(), app.schema(), Map.of(), app.store().clock().instant()).list();
    }

    /**
     * Whether one record matches, evaluated in memory on that record and the records it links to —
     * the interpreter journeys use — rather than as SQL on the whole set.
     */
    public boolean matches(Query q, String key) {
        CheckedExpression e = check(q);
        Object typedKey = switch (e.dimension().keyFields().get(0).type().kind()) {
            case INT, LONG -> parseWhole(key);
            default -> key;
        };
        Row row = new StoredRows(app.store(), app.schema()).read(e.dimension(), typedKey).orElseThrow(() -> UserError.notFound(
                "no " + e.dimension().name() + " with key " + key, null));
        return new Evaluator(q.variables(), now(q)).matches(e, row);
    }

    private static long parseWhole(String key) {
        try {
            return Long.parseLong(key.strip());
        } catch (NumberFormatException e) {
            throw UserError.invalid("key", "'" + key + "' is not a whole number, as this dimension's keys are");
        }
    }

    private Instant now(Query q) {
        return q.now() == null ? app.store().clock().instant() : q.now();
    }

    private Audiences audiences(Query q) {
        return new Audiences(app.store(), app.schema(), q.variables(), now(q));
    }
}
