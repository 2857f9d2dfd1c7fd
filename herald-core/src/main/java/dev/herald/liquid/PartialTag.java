package dev.herald.liquid;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * {@code {% render 'footer', name: value %}} and {@code {% include 'header' %}}: a partial from the
 * templates folder, rendered in place. {@code render} gives it only the message's values and its
 * arguments ({@code with x}, {@code for items} — once per item, with {@code forloop} — and
 * {@code name: value}); {@code include} shares every variable of the template that includes it.
 */
record PartialTag(boolean isolated, Expression name, Expression with, boolean each, String alias,
                  Map<String, Expression> arguments, int line) implements Node {

    /** The partial's name when it is written as a quoted text; null when a variable gives it. */
    String literalName() {
        return name instanceof Expression.Literal l && l.value() instanceof String s ? s : null;
    }

    @Override
    public void render(RenderContext c, Output out) {
        Object n = name.evaluate(c);
        if (!(n instanceof String partialName)) {
            throw new LiquidRenderException(c.templateName(), line, "the name of a partial must be a text, not " + Values.inspect(n));
        }
        LiquidTemplate partial = c.engine().partial(partialName, c.templateName(), line);
        String variable = alias != null ? alias : partialName.substring(partialName.lastIndexOf('/') + 1);
        if (isolated) {
            renderIsolated(c, out, partial, partialName, variable);
        } else {
            include(c, out, partial, partialName, variable);
        }
    }

    private void include(RenderContext c, Output out, LiquidTemplate partial, String partialName, String variable) {
        Object value = with != null ? with.evaluate(c) : c.find(partialName);
        c.intoInclude(partialName, line);
        String before = c.enter(partial.name());
        c.push();
        try {
            arguments.forEach((k, e) -> c.local(k, e.evaluate(c)));
            if (value instanceof List<?> items && !(value instanceof LiquidRange)) {
                for (Object item : items) {
                    c.local(variable, item);
                    partial.root().render(c, out);
                }
            } else {
                c.local(variable, value);
                partial.root().render(c, out);
            }
        } finally {
            c.pop();
            c.enter(before);
            c.outOfInclude();
        }
    }

    private void renderIsolated(RenderContext c, Output out, LiquidTemplate partial, String partialName, String variable) {
        Object value = with == null ? null : with.evaluate(c);
        if (each && (value instanceof Collection<?> || value instanceof Map<?, ?>)) {
            List<Object> items = value instanceof Map<?, ?> m ? List.of(m) : List.copyOf(((Collection<?>) value));
            ForLoop loop = new ForLoop(partialName, items.size(), null);
            for (Object item : items) {
                once(c, out, partial, partialName, variable, item, loop);
                loop.next();
            }
        } else {
            once(c, out, partial, partialName, variable, value, null);
        }
    }

    private void once(RenderContext c, Output out, LiquidTemplate partial, String partialName, String variable, Object value,
                      ForLoop loop) {
        RenderContext inner = c.isolated(partial.name(), line);
        if (loop != null) {
            inner.local("forloop", loop);
        }
        arguments.forEach((k, e) -> inner.local(k, e.evaluate(c)));
        if (value != null) {
            inner.local(variable, value);
        }
        partial.root().render(inner, out);
    }

    @Override
    public void uses(Uses u) {
        u.read(name, line);
        u.read(with, line);
        arguments.values().forEach(e -> u.read(e, line));
        u.partials.add(this);
    }
}
