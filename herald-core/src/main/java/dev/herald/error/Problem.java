package dev.herald.error;

/**
 * One thing wrong: where — a path in a document ({@code activities[3].filter}) or a request
 * ({@code variables.discount}), or a position in an expression ({@code 1:9}) — what, and what to do
 * about it. Each adapter renders the path and the hint in its own terms: the CLI as an option and a
 * command, the API as a JSON pointer and a link.
 *
 * @param path    where, or null for a problem of the whole thing
 * @param message what is wrong, in words a marketer understands
 * @param hint    the action that fixes it, or null
 */
public record Problem(String path, String message, Action hint) {

    /** A path built from the names in a document or a request is cut when a name is absurdly long. */
    public Problem {
        path = path == null ? null : dev.herald.text.Echo.cut(path, 120);
    }

    public Problem(String path, String message) {
        this(path, message, null);
    }

    @Override
    public String toString() {
        return path == null || path.isEmpty() ? message : path + ": " + message;
    }
}
