package dev.herald.expr;

/** Whether an expression's value is the same for every row (it reads no field and no linked rows). */
public final class Constants {

    private Constants() {
    }

    public static boolean isConstant(Expr e) {
        return switch (e) {
            case Expr.Literal l -> true;
            case Expr.Now n -> true;
            case Expr.Variable v -> true;
            case Expr.FieldRef f -> false;
            case Expr.Has h -> false;
            case Expr.Quantified q -> false;
            case Expr.Aggregate a -> false;
            case Expr.Not n -> isConstant(n.operand());
            case Expr.Negate n -> isConstant(n.operand());
            case Expr.And a -> isConstant(a.left()) && isConstant(a.right());
            case Expr.Or o -> isConstant(o.left()) && isConstant(o.right());
            case Expr.Compare c -> isConstant(c.left()) && isConstant(c.right());
            case Expr.Arithmetic a -> isConstant(a.left()) && isConstant(a.right());
            case Expr.In i -> isConstant(i.value()) && i.items().stream().allMatch(Constants::isConstant);
            case Expr.Conditional c -> isConstant(c.condition()) && isConstant(c.whenTrue()) && isConstant(c.whenFalse());
            case Expr.Call c -> c.args().stream().allMatch(Constants::isConstant);
        };
    }
}
