package dev.herald.preview;

import java.util.List;

/** A few records to look at: the names of their columns, and each record's values in that order. */
public record Preview(List<String> columns, List<List<Object>> rows) {

    public Preview {
        columns = List.copyOf(columns);
        rows = rows.stream().map(r -> java.util.Collections.unmodifiableList(new java.util.ArrayList<>(r))).toList();
    }
}
