package dev.herald.store.activity;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;

import dev.herald.campaign.Population;
import dev.herald.store.Dialect;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Field;
import org.jooq.impl.DSL;

/** The columns of a worktable in SELECT lists, in the population's order. */
final class Columns {

    private Columns() {
    }

    /** Every column of {@code p}, read from {@code alias}. */
    static List<Field<?>> of(Population p, String alias) {
        List<Field<?>> columns = new ArrayList<>();
        p.columns().keySet().forEach(c -> columns.add(field(name(alias, c)).as(c)));
        return columns;
    }

    /** The key from {@code alias}, and every other column empty, typed — for rows of another set in a union. */
    static List<Field<?>> keyOnly(Population p, String alias, String key, Dialect dialect) {
        List<Field<?>> columns = new ArrayList<>();
        p.columns().forEach((c, type) -> columns.add(c.equals(p.key()) ? field(name(alias, key)).as(c)
                : DSL.cast(DSL.inline((Object) null), dialect.type(type)).as(c)));
        return columns;
    }

}
