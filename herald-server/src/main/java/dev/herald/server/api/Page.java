package dev.herald.server.api;

import java.util.List;

/** A page of a list: its items, and the cursor of the next page (null on the last). */
record Page<T>(List<T> items, @com.fasterxml.jackson.annotation.JsonProperty("next_cursor") String nextCursor) {

    /** A page of up to {@code limit} items asked for {@code limit + 1}: the extra one says there is more. */
    static <T> Page<T> of(List<T> fetched, int limit, java.util.function.Function<T, Long> id) {
        if (fetched.size() <= limit) {
            return new Page<>(fetched, null);
        }
        List<T> items = fetched.subList(0, limit);
        return new Page<>(items, Long.toString(id.apply(items.get(limit - 1))));
    }
}
