package dev.herald.campaign.activity;

import dev.herald.campaign.Checks;
import dev.herald.campaign.Population;
import dev.herald.text.Echo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.herald.campaign.Names;

/** What the activity records share: output names, the first inbound population, checks of new names and columns. */
final class Outputs {

    static final String OUT = "out";
    static final String COMPLEMENT = "complement";

    private Outputs() {
    }

    /**
     * The position of {@code ref} (as written: {@code split.gold}, or an activity's id for its only
     * output) among the inbound transitions (as {@code id.output}); -1 when it is not one of them.
     */
    static int indexOf(List<String> inbound, String ref) {
        if (ref == null) {
            return -1;
        }
        int exact = inbound.indexOf(ref);
        if (exact >= 0 || ref.contains(".")) {
            return exact;
        }
        List<String> fromIt = inbound.stream().filter(t -> t.startsWith(ref + ".")).toList();
        return fromIt.size() == 1 ? inbound.indexOf(fromIt.get(0)) : -1;
    }

    /** Every name gets {@code population}. */
    static Map<String, Population> all(List<String> names, Population population) {
        Map<String, Population> map = new LinkedHashMap<>();
        names.forEach(n -> map.put(n, population));
        return map;
    }

    /** The first inbound population, which must hold records (or file rows when {@code fileRowsToo}). */
    static Population rows(Checks c, boolean fileRowsToo) {
        if (c.inputs().isEmpty()) {
            return Population.none();
        }
        Population p = c.inputs().get(0);
        if (!p.hasRows() || !fileRowsToo && p.kind() == Population.Kind.FILE) {
            c.problem(c.path() + ".from", Echo.quoted(c.inputNames().get(0)) + " carries " + p.describe()
                    + "; this activity needs " + (fileRowsToo ? "records or file rows" : "records of a dimension")
                    + (p.kind() == Population.Kind.FILE ? " (reconcile the file's rows with a dimension first)" : ""));
        }
        return p;
    }

    /** Whether {@code name} can name a transition or a column; reports it when not. */
    static boolean name(Checks c, String name, String path) {
        if (!Names.valid(name)) {
            c.problem(path, Names.problem("name", name));
            return false;
        }
        return true;
    }

    /**
     * The column type of a value expression's result; null (with a problem) for a value that
     * cannot be stored in a column (a duration, a variable of unknown type).
     */
    static dev.herald.schema.FieldType columnType(Checks c, dev.herald.expr.CheckedExpression e, String path) {
        if (e == null) {
            return null;
        }
        return switch (e.root().type()) {
            case INT -> dev.herald.schema.FieldType.of(dev.herald.schema.FieldType.Kind.LONG);
            case DOUBLE -> dev.herald.schema.FieldType.of(dev.herald.schema.FieldType.Kind.DOUBLE);
            case STRING -> dev.herald.schema.FieldType.of(dev.herald.schema.FieldType.Kind.STRING);
            case BOOL -> dev.herald.schema.FieldType.of(dev.herald.schema.FieldType.Kind.BOOLEAN);
            case TIMESTAMP -> dev.herald.schema.FieldType.of(dev.herald.schema.FieldType.Kind.TIMESTAMP);
            case DURATION, DYN, NULL -> {
                c.problem(path, "the value's type is " + e.root().type().name().toLowerCase()
                        + "; a column needs a text, a number, true/false or a time (convert it, e.g. string(vars.x) or int(vars.x))");
                yield null;
            }
        };
    }

    /** Whether a new column may be called {@code name} in {@code p}'s worktable; reports it when not. */
    static boolean newColumn(Checks c, Population p, String name, String path) {
        if (!name(c, name, path)) {
            return false;
        }
        if (p.columns().containsKey(name)) {
            c.problem(path, "the worktable already has a column " + Echo.quoted(name) + " (" + String.join(", ", p.columns().keySet()) + ")");
            return false;
        }
        return true;
    }
}
