package dev.herald.expr;

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
public class InvalidExpressionException extends RuntimeException {

    private final transient List<ExpressionProblem> problems;

    public InvalidExpressionException(String text, List<ExpressionProblem> problems) {
        super(render(text, problems));
        this.problems = List.copyOf(problems);
    }

    public List<ExpressionProblem> problems() {
        return problems;
    }

    static String render(String text, List<ExpressionProblem> problems) {
        StringBuilder b = new StringBuilder();
        String[] lines = text.split("\n", -1);
        for (ExpressionProblem p : problems) {
            if (!b.isEmpty()) {
                b.append('\n');
            }
            b.append(p.line()).append(':').append(p.column()).append(": ").append(p.message());
            if (p.line() >= 1 && p.line() <= lines.length && lines[p.line() - 1].length() <= 200) {
                String line = lines[p.line() - 1];
                b.append("\n  | ").append(line).append("\n  | ").append(".".repeat(Math.max(0, Math.min(p.column() - 1, line.length()))))
                        .append('^');
            }
        }
        return b.toString();
    }
}
