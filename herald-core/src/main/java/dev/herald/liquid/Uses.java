package dev.herald.liquid;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a template uses, gathered from its parsed form for validation: the variables it reads (with
 * their lines), the names it defines itself ({@code assign}, {@code capture}, loop variables,
 * counters, {@code include} and {@code render} arguments) and the partials it names.
 */
final class Uses {

    record Read(Expression.Lookup lookup, int line) {
    }

    final List<Read> reads = new ArrayList<>();
    final Set<String> locals = new LinkedHashSet<>();
    final List<PartialTag> partials = new ArrayList<>();

    void read(Expression e, int line) {
        if (e != null) {
            e.variables(l -> reads.add(new Read(l, l.line() > 0 ? l.line() : line)));
        }
    }

    void read(Condition cond, int line) {
        cond.variables(l -> reads.add(new Read(l, l.line() > 0 ? l.line() : line)));
    }
}
