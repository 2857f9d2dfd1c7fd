package dev.herald.expr;

/** One thing wrong with an expression, at a line and column (both from 1). */
public record ExpressionProblem(int line, int column, String message) {
}
