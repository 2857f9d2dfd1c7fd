package dev.herald.schema;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a schema has problems; carries every one of them, not only the first. */
public class InvalidSchemaException extends RuntimeException {

    private final transient List<SchemaProblem> problems;

    public InvalidSchemaException(String source, List<SchemaProblem> problems) {
        super(source + " has " + problems.size() + (problems.size() == 1 ? " error" : " errors") + ":\n"
                + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<SchemaProblem> problems() {
        return problems;
    }
}
