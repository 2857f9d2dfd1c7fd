package dev.herald.liquid;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where {@code render} and {@code include} find partials by name: the workspace's
 * {@code templates/} folder ({@link TemplateFolder}), or none.
 */
public interface Partials {

    /** The text of the partial {@code name}, or empty when there is no such partial. */
    Optional<String> source(String name);

    /** How errors name the partial: {@code templates/footer.liquid}. */
    default String describe(String name) {
        return name;
    }

    /** Where the partials are, for errors: {@code templates/}; empty when that says nothing. */
    default String where() {
        return "";
    }

    /** The names of the partials there are, for did-you-mean hints. */
    Set<String> names();

    /** No partials: {@code render} and {@code include} of any name are errors. */
    Partials NONE = new Partials() {
        @Override
        public Optional<String> source(String name) {
            return Optional.empty();
        }

        @Override
        public Set<String> names() {
            return Set.of();
        }
    };

    /** Partials given by name, in memory. */
    static Partials of(Map<String, String> partials) {
        return new Partials() {
            @Override
            public Optional<String> source(String name) {
                return Optional.ofNullable(partials.get(name));
            }

            @Override
            public Set<String> names() {
                return new TreeSet<>(partials.keySet());
            }
        };
    }
}
