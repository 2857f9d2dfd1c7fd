package dev.herald.expr;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelSourceLocation;
import dev.cel.common.ast.CelExpr;
import dev.herald.schema.Entity;
import dev.herald.schema.Link;
import dev.herald.schema.Schema;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The record each {@code x.name} of a parsed (not yet checked) expression reads from, by the place
 * of {@code .name} in the text: CEL's "undefined field" error does not say on which record it
 * looked, and a hint must come from that record's fields, not from every entity's. Row variables of
 * macros ({@code o} in {@code customer.orders.exists(o, o.status == "paid")}) are the rows of their
 * link; anything that is not a record (a map's values, a variable) has no owner.
 */
final class FieldOwners {

    private final CelAbstractSyntaxTree ast;
    private final Schema schema;
    private final Map<Long, CelExpr> macros;
    private final Deque<Map.Entry<String, Entity>> scopes = new ArrayDeque<>();
    private final Map<String, Entity> byPlace = new HashMap<>();
    private final Map<String, java.util.List<String>> namesByPlace = new HashMap<>();

    private FieldOwners(CelAbstractSyntaxTree ast, Schema schema) {
        this.ast = ast;
        this.schema = schema;
        this.macros = ast.getSource().getMacroCalls();
    }

    /** Reads a parsed expression on {@code dimension} (and {@code target}, which may be null). */
    static FieldOwners of(CelAbstractSyntaxTree parsed, Schema schema, Entity dimension, Entity target) {
        FieldOwners owners = new FieldOwners(parsed, schema);
        owners.scopes.push(Map.entry(dimension.name(), dimension));
        if (target != null) {
            owners.scopes.push(Map.entry(target.name(), target));
        }
        owners.walk(parsed.getExpr());
        return owners;
    }

    /** The record the name selected at "line:column" (1-based) is read from, or null. */
    Entity ownerAt(String place) {
        return byPlace.get(place);
    }

    /** The row variables in scope at the name at "line:column" (1-based), innermost first. */
    java.util.List<String> variablesAt(String place) {
        return namesByPlace.getOrDefault(place, java.util.List.of());
    }

    private void walk(CelExpr e) {
        switch (e.getKind()) {
            case SELECT -> {
                Entity owner = record(e.select().operand());
                if (owner != null) {
                    place(e).ifPresent(p -> byPlace.put(p, owner));
                }
                walk(e.select().operand());
            }
            case CALL -> {
                e.call().target().ifPresent(this::walk);
                e.call().args().forEach(this::walk);
            }
            case LIST -> e.list().elements().forEach(this::walk);
            case IDENT -> place(e).ifPresent(p -> namesByPlace.put(p,
                    scopes.stream().map(Map.Entry::getKey).filter(n -> !n.startsWith("@") && !n.startsWith("__")).toList()));
            case COMPREHENSION -> {
                var c = e.comprehension();
                walk(c.iterRange());
                walk(c.accuInit());
                Entity rows = rows(e);
                scopes.push(Map.entry(c.iterVar(), rows == null ? NONE : rows));
                walk(c.loopCondition());
                walk(c.loopStep());
                walk(c.result());
                scopes.pop();
            }
            default -> {
            }
        }
    }

    /** A placeholder for a variable that is no record: it hides an outer one of the same name. */
    private static final Entity NONE = new Entity("", Map.of(), java.util.List.of(), java.util.List.of(), Map.of());

    /** The record {@code e} names (a row in scope, or a many-to-one hop from one), or null. */
    private Entity record(CelExpr e) {
        if (e.getKind() == CelExpr.ExprKind.Kind.IDENT) {
            for (Map.Entry<String, Entity> s : scopes) {
                if (s.getKey().equals(e.ident().name())) {
                    return s.getValue() == NONE ? null : s.getValue();
                }
            }
            return null;
        }
        if (e.getKind() == CelExpr.ExprKind.Kind.SELECT) {
            Entity parent = record(e.select().operand());
            Link link = parent == null ? null : parent.links().get(e.select().field());
            return link == null || link.isToMany() ? null : schema.entities().get(link.target());
        }
        return null;
    }

    /** The entity of the rows a macro loops over: a one-to-many link, or a filter() of one. */
    private Entity rows(CelExpr comprehension) {
        CelExpr range = comprehension.comprehension().iterRange();
        if (range.getKind() == CelExpr.ExprKind.Kind.COMPREHENSION) {
            CelExpr call = macros.get(range.id());
            return call != null && call.call().function().equals("filter") ? rows(range) : null;
        }
        if (range.getKind() == CelExpr.ExprKind.Kind.SELECT) {
            Entity parent = record(range.select().operand());
            Link link = parent == null ? null : parent.links().get(range.select().field());
            return link != null && link.isToMany() ? schema.entities().get(link.target()) : null;
        }
        return null;
    }

    private java.util.Optional<String> place(CelExpr e) {
        Integer offset = ast.getSource().getPositionsMap().get(e.id());
        if (offset == null) {
            return java.util.Optional.empty();
        }
        return ast.getSource().getOffsetLocation(offset).map((CelSourceLocation l) -> l.getLine() + ":" + (l.getColumn() + 1));
    }
}
