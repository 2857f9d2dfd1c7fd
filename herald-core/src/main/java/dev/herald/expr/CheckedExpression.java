package dev.herald.expr;

import dev.herald.schema.Entity;
import java.util.Set;

/** An expression that type-checked against the schema, on a dimension; {@code variables} are the {@code vars.*} it reads. */
public record CheckedExpression(String text, Entity dimension, Expr root, Set<String> variables) {
}
