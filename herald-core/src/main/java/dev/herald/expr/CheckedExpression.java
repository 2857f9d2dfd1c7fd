package dev.herald.expr;

import dev.herald.schema.Entity;
import java.util.Set;

/**
 * An expression that type-checked against the schema, on a dimension. {@code target}, when not
 * null, is the record of a worktable's columns the expression may read ({@code target.spend});
 * {@code variables} are the {@code vars.*} it reads.
 */
public record CheckedExpression(String text, Entity dimension, Entity target, Expr root, Set<String> variables) {

    /** Whether the expression reads the worktable's columns. */
    public boolean readsTarget() {
        return target != null && Scopes.of(root).contains(target.name());
    }

    /** Whether the expression reads the dimension's record (its fields or links). */
    public boolean readsDimension() {
        return Scopes.of(root).contains(dimension.name());
    }
}
