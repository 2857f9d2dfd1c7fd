package dev.herald.campaign.activity;

import dev.herald.campaign.ActivityConfig;
import dev.herald.campaign.Checks;
import dev.herald.campaign.Population;
import dev.herald.campaign.config.Options;
import dev.herald.campaign.config.Prop;
import dev.herald.campaign.config.Spec;
import dev.herald.schema.DidYouMean;
import dev.herald.schema.Entity;
import dev.herald.schema.FieldType;
import dev.herald.schema.Link;
import dev.herald.text.Echo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code enrich}: adds columns to the worktable — values through links ({@code profile.city},
 * {@code profile.purchases.filter(p, …).map(p, p.amount).sum()}), the first rows of a one-to-many
 * link by an order ({@code collections}), and columns of another inbound worktable ({@code join}).
 * Downstream expressions and templates read them as {@code target.NAME}.
 */
public record Enrich(Map<String, String> columns, Map<String, Collection> collections, JoinedSet join)
        implements ActivityConfig {

    /** The first {@code rows} rows of a one-to-many link, ordered, as columns {@code NAME_COLUMN} (or {@code NAME_i_COLUMN}). */
    public record Collection(String link, String filter, String orderBy, boolean descending, long rows,
                             Map<String, String> columns) {
    }

    /** Columns of another inbound worktable, matched on the key or on pairs of values. */
    public record JoinedSet(String from, List<Match> on, List<String> columns) {
    }

    /** A value of the primary population equal to a value of the joined one. */
    public record Match(String primary, String joined) {
    }

    private static final Spec COLLECTION = Spec.of("The first rows of a one-to-many link, by an order.",
            Prop.required("link", Prop.Kind.TEXT, "the one-to-many link of the dimension, e.g. purchases"),
            Prop.of("filter", Prop.Kind.CONDITION, "only the linked rows that meet this condition (e.g. purchase.channel == \"online\")"),
            Prop.required("order_by", Prop.Kind.VALUE, "the order of the linked rows, e.g. purchase.at"),
            Prop.choice("direction", "highest (most recent, largest) first, or lowest", "highest", "highest", "lowest"),
            Prop.of("rows", Prop.Kind.INTEGER, "how many rows; with more than one the columns are NAME_1_COLUMN, NAME_2_COLUMN…")
                    .withDefault(1L),
            Prop.required("columns", Prop.Kind.NAMED_VALUES, "column → value of the linked row, e.g. amount: purchase.amount"));
    private static final Spec MATCH = Spec.of("A pair of equal values.",
            Prop.required("primary", Prop.Kind.VALUE, "a value of the primary population, e.g. profile.email"),
            Prop.required("joined", Prop.Kind.VALUE, "the value of the joined worktable it must equal, e.g. target.email"));
    private static final Spec JOIN = Spec.of("Columns of another inbound worktable.",
            Prop.required("from", Prop.Kind.TEXT, "the inbound transition to take columns from"),
            Prop.object("on", Prop.Kind.OBJECTS, false, "pairs of equal values; default: the same key", MATCH),
            Prop.of("columns", Prop.Kind.TEXTS, "which of its columns to add; default: all but its key"));

    public static final Spec SPEC = Spec.of("Adds columns to the worktable: values through links, first rows of a link, "
                    + "or columns of another inbound worktable.",
            Prop.of("columns", Prop.Kind.NAMED_VALUES, "column → value, e.g. spend_12m: profile.purchases.filter(p, p.at > "
                    + "daysAgo(365)).map(p, p.amount).sum()"),
            Prop.object("collections", Prop.Kind.NAMED, false, "name → the first rows of a one-to-many link", COLLECTION),
            Prop.object("join", Prop.Kind.OBJECT, false, "columns of another inbound worktable", JOIN));

    static Enrich read(Options o) {
        Map<String, Collection> collections = new LinkedHashMap<>();
        o.named("collections").forEach((name, c) -> collections.put(name, new Collection(c.text("link"), c.text("filter"),
                c.text("order_by"), !"lowest".equals(c.text("direction")), c.integer("rows", 1), c.namedTexts("columns"))));
        Options j = o.object("join");
        JoinedSet join = j == null ? null : new JoinedSet(j.text("from"),
                j.objects("on").stream().map(m -> new Match(m.text("primary"), m.text("joined"))).toList(), j.texts("columns"));
        return new Enrich(o.namedTexts("columns"), collections, join);
    }

    @Override
    public List<String> outputs() {
        return List.of(Outputs.OUT);
    }

    /** The column names a collection adds, in order: {@code name_col}, or {@code name_i_col}. */
    public static List<String> collectionColumns(String name, Collection c) {
        List<String> names = new java.util.ArrayList<>();
        for (int i = 1; i <= c.rows(); i++) {
            for (String col : c.columns().keySet()) {
                names.add(c.rows() == 1 ? name + "_" + col : name + "_" + i + "_" + col);
            }
        }
        return names;
    }

    /** The index of the primary population among the inbound transitions (the one not joined). */
    public int primaryIndex(List<String> inbound) {
        return join != null && inbound.size() > 1 && Outputs.indexOf(inbound, join.from()) == 0 ? 1 : 0;
    }

    /** The position of the joined set among the inbound transitions, or -1. */
    public int joinedIndex(List<String> inbound) {
        return join == null ? -1 : Outputs.indexOf(inbound, join.from());
    }

    @Override
    public Map<String, Population> check(Checks c) {
        if (c.inputs().isEmpty()) {
            return Outputs.all(outputs(), Population.none());
        }
        int primaryIndex = primaryIndex(c.inputNames());
        Population p = c.inputs().get(primaryIndex);
        if (!p.hasRows()) {
            Outputs.rows(c, true);
            return Outputs.all(outputs(), p);
        }
        if (columns.isEmpty() && collections.isEmpty() && join == null) {
            c.problem(c.path(), "add at least one of columns, collections or join");
        }
        Map<String, FieldType> added = new LinkedHashMap<>();
        columns.forEach((name, text) -> {
            String path = c.path() + ".columns." + name;
            if (Outputs.newColumn(c, p.with(added), name, path)) {
                FieldType t = Outputs.columnType(c, c.value(text, p, path), path);
                if (t != null) {
                    added.put(name, t);
                }
            }
        });
        collections.forEach((name, coll) -> checkCollection(c, p, name, coll, added));
        if (join != null) {
            checkJoin(c, p, added);
        } else if (c.inputs().size() > 1) {
            c.problem(c.path() + ".from", "enrich takes one inbound transition, or two with 'join'");
        }
        return Outputs.all(outputs(), p.with(added));
    }

    private void checkCollection(Checks c, Population p, String name, Collection coll, Map<String, FieldType> added) {
        String path = c.path() + ".collections." + name;
        if (!Outputs.name(c, name, path)) {
            return;
        }
        if (!p.isRecords()) {
            c.problem(path, "collections follow a link of the dimension; file rows have none");
            return;
        }
        Link link = coll.link() == null ? null : p.dimension().links().get(coll.link());
        if (link == null || !link.isToMany()) {
            c.problem(path + ".link", Echo.quoted(coll.link()) + " is not a one-to-many link of " + p.dimension().name()
                    + DidYouMean.hint(String.valueOf(coll.link()), p.dimension().links().keySet()));
            return;
        }
        if (coll.rows() < 1 || coll.rows() > 20) {
            c.problem(path + ".rows", "must be between 1 and 20");
            return;
        }
        Entity rows = c.schema().entities().get(link.target());
        if (coll.filter() != null) {
            c.onEntity(coll.filter(), rows, true, path + ".filter");
        }
        if (coll.orderBy() != null) {
            c.onEntity(coll.orderBy(), rows, false, path + ".order_by");
        }
        Map<String, FieldType> types = new LinkedHashMap<>();
        coll.columns().forEach((col, text) -> {
            String at = path + ".columns." + col;
            if (Outputs.name(c, col, at)) {
                FieldType t = Outputs.columnType(c, c.onEntity(text, rows, false, at), at);
                if (t != null) {
                    types.put(col, t);
                }
            }
        });
        for (int i = 1; i <= coll.rows(); i++) {
            for (var e : types.entrySet()) {
                String column = coll.rows() == 1 ? name + "_" + e.getKey() : name + "_" + i + "_" + e.getKey();
                if (Outputs.newColumn(c, p.with(added), column, path + ".columns." + e.getKey())) {
                    added.put(column, e.getValue());
                }
            }
        }
    }

    private void checkJoin(Checks c, Population p, Map<String, FieldType> added) {
        String path = c.path() + ".join";
        int at = joinedIndex(c.inputNames());
        if (at < 0 || c.inputs().size() != 2 || at == primaryIndex(c.inputNames())) {
            c.problem(path + ".from", "join.from must name the second inbound transition (from: " + String.join(", ", c.inputNames()) + ")");
            return;
        }
        Population joined = c.inputs().get(at);
        if (!joined.hasRows()) {
            c.problem(path + ".from", Echo.quoted(join.from()) + " carries " + joined.describe());
            return;
        }
        if (join.on().isEmpty() && !(joined.isRecords() && p.isRecords() && joined.dimension().name().equals(p.dimension().name()))) {
            c.problem(path + ".on", "the two sets do not share a key (" + p.describe() + " / " + joined.describe()
                    + "); give the values to match: on: [{ primary: …, joined: … }]");
        }
        for (int i = 0; i < join.on().size(); i++) {
            Match m = join.on().get(i);
            if (m.primary() != null) {
                c.value(m.primary(), p, path + ".on[" + i + "].primary");
            }
            if (m.joined() != null) {
                c.value(m.joined(), joined, path + ".on[" + i + "].joined");
            }
        }
        List<String> wanted = join.columns().isEmpty()
                ? joined.columns().keySet().stream().filter(k -> !k.equals(joined.key())).toList() : join.columns();
        for (String col : wanted) {
            FieldType t = joined.columns().get(col);
            if (t == null) {
                c.problem(path + ".columns", Echo.quoted(join.from()) + " has no column " + Echo.quoted(col)
                        + DidYouMean.hint(col, joined.columns().keySet()) + " (columns: " + String.join(", ", joined.columns().keySet()) + ")");
            } else if (Outputs.newColumn(c, p.with(added), col, path + ".columns")) {
                added.put(col, t);
            }
        }
    }
}
