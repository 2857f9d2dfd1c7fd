package dev.herald.liquid;

import java.util.ArrayList;
import java.util.List;

/** A piece of a parsed template: text, an inserted value, a tag, a block of them. */
interface Node {

    void render(RenderContext c, Output out);

    /** Whether the node writes nothing but white space: a block made of such nodes leaves its white space out. */
    default boolean blank() {
        return false;
    }

    /** What it reads, defines and includes, for validation. */
    default void uses(Uses u) {
    }

    /** Nodes one after the other: a template, or the body of a tag. */
    record Block(List<Node> nodes) implements Node {

        @Override
        public void render(RenderContext c, Output out) {
            for (Node n : nodes) {
                c.step(0);
                n.render(c, out);
                if (c.interrupt != RenderContext.Interrupt.NONE) {
                    return;
                }
            }
        }

        @Override
        public boolean blank() {
            return nodes.stream().allMatch(Node::blank);
        }

        /** The block without its text, for a block that is {@link #blank()} (Ruby's {@code remove_blank_strings}). */
        Block withoutText() {
            List<Node> kept = new ArrayList<>();
            for (Node n : nodes) {
                if (!(n instanceof Text)) {
                    kept.add(n);
                }
            }
            return new Block(kept);
        }

        @Override
        public void uses(Uses u) {
            nodes.forEach(n -> n.uses(u));
        }
    }

    record Text(String text, int line) implements Node {
        @Override
        public void render(RenderContext c, Output out) {
            out.text(text, line);
        }

        @Override
        public boolean blank() {
            return text.isBlank();
        }
    }

    /** {@code {{ value | filters }}} and {@code {% echo value | filters %}}. */
    record Insert(Expression.Filtered value, int line) implements Node {
        @Override
        public void render(RenderContext c, Output out) {
            out.value(value.evaluate(c), value.raw(), line);
        }

        @Override
        public void uses(Uses u) {
            u.read(value, line);
        }
    }

    /** {@code {% assign name = value | filters %}}. */
    record Assign(String name, Expression.Filtered value, int line) implements Node {
        @Override
        public void render(RenderContext c, Output out) {
            c.assign(name, value.evaluate(c), line);
        }

        @Override
        public boolean blank() {
            return true;
        }

        @Override
        public void uses(Uses u) {
            u.read(value, line);
            u.locals.add(name);
        }
    }

    /** {@code {% capture name %}…{% endcapture %}}. */
    record Capture(String name, Block body, int line) implements Node {
        @Override
        public void render(RenderContext c, Output out) {
            Output inner = c.captureOutput();
            body.render(c, inner);
            String captured = inner.toString();
            c.markSafe(captured);
            c.assign(name, captured, line);
        }

        @Override
        public boolean blank() {
            return true;
        }

        @Override
        public void uses(Uses u) {
            u.locals.add(name);
            body.uses(u);
        }
    }

    /** {@code {% increment name %}} (writes the counter, then adds one) and {@code {% decrement name %}} (takes one, then writes it). */
    record Counter(String name, boolean increment, int line) implements Node {
        @Override
        public void render(RenderContext c, Output out) {
            Object current = c.counters().get(name);
            long value = current instanceof Number n ? n.longValue() : 0;
            if (increment) {
                c.counters().put(name, value + 1);
            } else {
                value -= 1;
                c.counters().put(name, value);
            }
            out.text(Long.toString(value), line);
        }

        @Override
        public void uses(Uses u) {
            u.locals.add(name);
        }
    }

    /** {@code {% cycle 'odd', 'even' %}} and {@code {% cycle group: 'a', 'b' %}}: the next of its values each time. */
    record Cycle(Expression group, String key, List<Expression> values, int line) implements Node {
        @Override
        public void render(RenderContext c, Output out) {
            Object k = group == null ? key : group.evaluate(c);
            long iteration = c.cycles().getOrDefault(k, 0L);
            Object value = iteration < values.size() ? values.get((int) iteration).evaluate(c) : null;
            out.value(value instanceof List<?> l ? String.join("", Values.items(l).stream().map(Values::text).toList()) : value,
                    false, line);
            iteration++;
            if (iteration >= values.size()) {
                iteration = 0;
            }
            c.cycles().put(k, iteration);
        }

        @Override
        public void uses(Uses u) {
            if (group != null) {
                u.read(group, line);
            }
            values.forEach(v -> u.read(v, line));
        }
    }

    /** {@code {% break %}} and {@code {% continue %}}. */
    record Interruption(RenderContext.Interrupt kind) implements Node {
        @Override
        public void render(RenderContext c, Output out) {
            c.interrupt = kind;
        }
    }

    /** {@code {% raw %}…{% endraw %}}: text written as it is. */
    record Verbatim(String text, int line) implements Node {
        @Override
        public void render(RenderContext c, Output out) {
            out.text(text, line);
        }

        @Override
        public boolean blank() {
            return text.isEmpty();
        }
    }

    /** {@code comment}, {@code doc}, {@code #}: nothing. */
    record Nothing() implements Node {
        @Override
        public void render(RenderContext c, Output out) {
        }

        @Override
        public boolean blank() {
            return true;
        }
    }

    /** {@code {% ifchanged %}…{% endifchanged %}}: its body when it differs from the last time. */
    record Ifchanged(Block body) implements Node {
        @Override
        public void render(RenderContext c, Output out) {
            Output inner = c.captureOutput();
            body.render(c, inner);
            String s = inner.toString();
            if (!s.equals(c.ifchanged())) {
                c.ifchanged(s);
                out.text(s, 0);
            }
        }

        @Override
        public boolean blank() {
            return body.blank();
        }

        @Override
        public void uses(Uses u) {
            body.uses(u);
        }
    }
}
