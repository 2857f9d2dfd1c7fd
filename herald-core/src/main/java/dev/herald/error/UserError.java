package dev.herald.error;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An error a user caused and can fix — a bad document, an unknown run, a run another process
 * drives — with its kind and every problem, each with its path and hint. Adapters turn it into
 * their own form (the CLI: one message per problem and exit code 1; the API: RFC 9457 problem JSON
 * whose status follows the kind). Never shown with a stack trace.
 */
public class UserError extends RuntimeException {

    /** What kind of error, as the API's status says it. */
    public enum Kind {
        /** The request or document is wrong (400/422). */
        INVALID,
        /** What it names does not exist (404). */
        NOT_FOUND,
        /** It contradicts the state things are in (409): a final run resumed, a key taken. */
        CONFLICT,
        /** The caller may not do it (403). */
        FORBIDDEN,
        /** Something Herald needs is not there now (503): the store, a provider, the disk. */
        UNAVAILABLE
    }

    private final Kind kind;
    private final String summary;
    private final transient List<Problem> problems;

    /** An error of several problems; {@code summary} introduces them ("test.yaml has 3 errors"). */
    public UserError(Kind kind, String summary, List<Problem> problems) {
        this(kind, summary, problems, null);
    }

    public UserError(Kind kind, String summary, List<Problem> problems, Throwable cause) {
        super(summary == null ? render(problems) : summary + (problems.isEmpty() ? "" : ":\n" + indent(problems)), cause,
                cause != null, false);
        this.kind = kind;
        this.summary = summary;
        this.problems = List.copyOf(problems);
    }

    /** An error of one problem. */
    public UserError(Kind kind, Problem problem) {
        this(kind, null, List.of(problem));
    }

    public static UserError invalid(String message) {
        return new UserError(Kind.INVALID, new Problem(null, message));
    }

    public static UserError invalid(String path, String message) {
        return new UserError(Kind.INVALID, new Problem(path, message));
    }

    public static UserError notFound(String message, Action hint) {
        return new UserError(Kind.NOT_FOUND, new Problem(null, message, hint));
    }

    public static UserError conflict(String message, Action hint) {
        return new UserError(Kind.CONFLICT, new Problem(null, message, hint));
    }

    public static UserError unavailable(String message, Throwable cause) {
        return new UserError(Kind.UNAVAILABLE, null, List.of(new Problem(null, message)), cause);
    }

    public Kind kind() {
        return kind;
    }

    public List<Problem> problems() {
        return problems;
    }

    /** What introduces the problems ("test.yaml has 3 errors"), or null when they speak for themselves. */
    public String summary() {
        return summary;
    }

    private static String render(List<Problem> problems) {
        return problems.stream().map(Problem::toString).collect(Collectors.joining("\n"));
    }

    private static String indent(List<Problem> problems) {
        return problems.stream().map(p -> "  " + p.toString().replace("\n", "\n    ")).collect(Collectors.joining("\n"));
    }
}
