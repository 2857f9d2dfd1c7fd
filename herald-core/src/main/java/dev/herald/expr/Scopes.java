package dev.herald.expr;

import java.util.HashSet;
import java.util.Set;

/** The row variables an expression reads (conservatively: nested ones included). */
public final class Scopes {

    private Scopes() {
    }

    /** The row variables {@code e} reads. */
    public static Set<String> of(Expr e) {
        Set<String> used = new HashSet<>();
        collect(e, used);
        return used;
    }

    public static void collect(Expr e, Set<String> used) {
        switch (e) {
            case Expr.FieldRef f -> used.add(f.scope());
            case Expr.Has h -> used.add(h.field().scope());
            case Expr.Not n -> collect(n.operand(), used);
            case Expr.Negate n -> collect(n.operand(), used);
            case Expr.And a -> {
                collect(a.left(), used);
                collect(a.right(), used);
            }
            case Expr.Or o -> {
                collect(o.left(), used);
                collect(o.right(), used);
            }
            case Expr.Compare c -> {
                collect(c.left(), used);
                collect(c.right(), used);
            }
            case Expr.Arithmetic a -> {
                collect(a.left(), used);
                collect(a.right(), used);
            }
            case Expr.In i -> {
                collect(i.value(), used);
                i.items().forEach(x -> collect(x, used));
            }
            case Expr.Conditional c -> {
                collect(c.condition(), used);
                collect(c.whenTrue(), used);
                collect(c.whenFalse(), used);
            }
            case Expr.Call c -> c.args().forEach(x -> collect(x, used));
            case Expr.Quantified q -> {
                used.add(q.rows().scope());
                q.rows().filters().forEach(f -> collect(f.condition(), used));
                collect(q.condition(), used);
            }
            case Expr.Aggregate a -> {
                used.add(a.rows().scope());
                a.rows().filters().forEach(f -> collect(f.condition(), used));
                if (a.value() != null) {
                    collect(a.value(), used);
                }
            }
            case Expr.Literal l -> {
            }
            case Expr.Now n -> {
            }
            case Expr.Variable v -> {
            }
        }
    }
}
