package dev.herald.schema;

import dev.herald.text.Echo;

/** One thing wrong with a schema: where ({@code entities.purchase.links.profile}) and what. */
public record SchemaProblem(String path, String message) {
    /** A path built from the names in a document is cut when a name is absurdly long. */
    public SchemaProblem {
        path = Echo.cut(path, 120);
    }

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
