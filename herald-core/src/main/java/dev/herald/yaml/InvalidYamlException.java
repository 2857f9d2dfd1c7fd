package dev.herald.yaml;

/**
 * A document that cannot be read as YAML (or JSON): where — a line and a column, from 1; 0 when
 * not known — and what is wrong, in words for the person who wrote it.
 */
public class InvalidYamlException extends dev.herald.error.UserError {

    private final String source;
    private final long line;
    private final long column;
    private final String problem;

    public InvalidYamlException(String source, long line, long column, String problem) {
        super(Kind.INVALID, null, java.util.List.of(new dev.herald.error.Problem(
                source + (line > 0 ? ": " + where(line, column) : ""), problem)));
        this.source = source;
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    public String source() {
        return source;
    }

    /** {@code line 3, column 1}, {@code line 3}, or {@code (document)}. */
    public String where() {
        return line > 0 ? where(line, column) : "(document)";
    }

    /** What is wrong, without where. */
    public String problem() {
        return problem;
    }

    public long line() {
        return line;
    }

    private static String where(long line, long column) {
        return column > 0 ? "line " + line + ", column " + column : "line " + line;
    }
}
