package dev.herald.expr;

import dev.herald.schema.Entity;
import java.util.Set;

/**
 * An expression that type-checked against the schema, on a dimension. {@code target}, when not
 * null, is the record of a worktable's columns the expression may read ({@code target.spend});
 * {@code variables} are the {@code vars.*} it reads.
 */
public record CheckedExpression(String text, Entity dimension, Entity target, Expr root, Set<String> variables) {
}
