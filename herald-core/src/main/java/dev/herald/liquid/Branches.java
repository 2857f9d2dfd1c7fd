package dev.herald.liquid;

import java.util.List;

/**
 * {@code if}/{@code elsif}/{@code else}, {@code unless} and {@code case}/{@code when}: conditions
 * with their bodies. An {@code if} renders the first body whose condition holds; an {@code unless}
 * the first body when its condition does not hold, else the first of the others that holds; a
 * {@code case} every {@code when} that matches, and an {@code else} when none before it did.
 */
record Branches(Kind kind, List<Branch> branches, int line) implements Node {

    enum Kind { IF, UNLESS, CASE }

    /** A condition and its body; an {@code else} has {@link Condition.Otherwise}. */
    record Branch(Condition condition, Node.Block body, int line) {
    }

    @Override
    public void render(RenderContext c, Output out) {
        switch (kind) {
            case IF -> {
                for (Branch b : branches) {
                    if (holds(b, c)) {
                        b.body().render(c, out);
                        return;
                    }
                }
            }
            case UNLESS -> {
                Branch first = branches.getFirst();
                if (!holds(first, c)) {
                    first.body().render(c, out);
                    return;
                }
                for (Branch b : branches.subList(1, branches.size())) {
                    if (holds(b, c)) {
                        b.body().render(c, out);
                        return;
                    }
                }
            }
            case CASE -> {
                boolean matched = false;
                for (Branch b : branches) {
                    if (b.condition() instanceof Condition.Otherwise) {
                        if (!matched) {
                            b.body().render(c, out);
                        }
                    } else if (holds(b, c)) {
                        matched = true;
                        b.body().render(c, out);
                    }
                    if (c.interrupt != RenderContext.Interrupt.NONE) {
                        return;
                    }
                }
            }
        }
    }

    private static boolean holds(Branch b, RenderContext c) {
        try {
            return Values.truthy(b.condition().evaluate(c));
        } catch (LiquidRenderException e) {
            if (e.line() == 0) {
                throw new LiquidRenderException(e.template(), b.line(), e.reason());
            }
            throw e;
        }
    }

    @Override
    public boolean blank() {
        return branches.stream().allMatch(b -> b.body().blank());
    }

    @Override
    public void uses(Uses u) {
        for (Branch b : branches) {
            u.read(b.condition(), b.line());
            b.body().uses(u);
        }
    }
}
