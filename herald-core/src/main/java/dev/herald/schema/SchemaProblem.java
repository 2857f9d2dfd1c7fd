package dev.herald.schema;

/** One thing wrong with a schema: where ({@code entities.purchase.links.profile}) and what. */
public record SchemaProblem(String path, String message) {
    @Override
    public String toString() {
        return path + ": " + message;
    }
}
