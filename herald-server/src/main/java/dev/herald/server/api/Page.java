package dev.herald.server.api;

import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/** A page of a list: its items, and the cursor of the next page (null on the last). */
record Page<T>(List<T> items, @com.fasterxml.jackson.annotation.JsonProperty("next_cursor") String nextCursor) {

    /**
     * A page of up to {@code limit} items asked for {@code limit + 1}: the extra one says there is
     * more, and the next page starts after the last item's {@code key}.
     */
    static <T> Page<T> of(List<T> fetched, int limit, Function<T, ?> key) {
        if (fetched.size() <= limit) {
            return new Page<>(fetched, null);
        }
        List<T> items = fetched.subList(0, limit);
        return new Page<>(items, key.apply(items.get(limit - 1)).toString());
    }

    /**
     * A page of a short list read whole (campaigns, audiences, versions): the items after
     * {@code cursor} (null: from the first) in {@code order} of their unique {@code key}, so that a
     * page stays right when items come or go between calls.
     */
    static <T, K> Page<T> after(List<T> all, K cursor, int limit, Function<T, K> key, Comparator<K> order) {
        return of(all.stream().sorted(Comparator.comparing(key, order))
                .filter(t -> cursor == null || order.compare(key.apply(t), cursor) > 0).limit(limit + 1L).toList(), limit, key);
    }
}
