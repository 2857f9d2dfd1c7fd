package dev.herald.expr;

import dev.herald.error.Problem;
import dev.herald.error.UserError;
import java.util.List;

/**
 * An expression that cannot run, with every problem at its line and column and a caret under the
 * spot:
 * <pre>
 * 1:9: undefined field 'contry' — did you mean 'country'?
 *   | profile.contry == "FR"
 *   | ........^
 * </pre>
 */
public class InvalidExpressionException extends UserError {

    public InvalidExpressionException(String text, List<Position> problems) {
        super(Kind.INVALID, null, problems.stream().map(p -> p.problem(text)).toList());
    }

    /** A problem at a line and column of the expression (both from 1). */
    public record Position(int line, int column, String message) {

        /** As a problem whose path is {@code line:column} and whose message shows the spot with a caret. */
        Problem problem(String text) {
            String[] lines = text.split("\n", -1);
            StringBuilder b = new StringBuilder(message);
            if (line >= 1 && line <= lines.length && lines[line - 1].length() <= 200) {
                String l = lines[line - 1];
                b.append("\n  | ").append(l).append("\n  | ").append(".".repeat(Math.max(0, Math.min(column - 1, l.length())))).append('^');
            }
            return new Problem(line + ":" + column, b.toString());
        }
    }
}
