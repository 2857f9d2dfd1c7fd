package dev.herald.liquid;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * {@code {% for item in items reversed limit: 3 offset: 2 %}…{% else %}…{% endfor %}} and
 * {@code {% tablerow item in items cols: 2 %}}: the body once per item of a list, a range or a
 * map (as pairs), with {@code forloop} (or {@code tablerowloop}); {@code offset: continue} goes on
 * where the last loop of the same variable and collection stopped.
 */
record Loop(boolean table, String variable, Expression collection, String key, boolean reversed, Expression limit,
            Expression offset, boolean continues, Expression cols, Node.Block body, Node.Block otherwise, int line) implements Node {

    @Override
    public void render(RenderContext c, Output out) {
        long from;
        if (continues) {
            from = c.offsets().getOrDefault(key, 0L);
        } else {
            Object o = offset == null ? null : offset.evaluate(c);
            from = o == null ? 0 : integer(o, "offset", c);
        }
        Object items = collection.evaluate(c);
        if (table && items == null) {
            return;
        }
        Object l = limit == null ? null : limit.evaluate(c);
        Long to = l == null ? null : integer(l, "limit", c) + from;
        List<Object> segment = slice(items, from, to, c);
        if (table) {
            table(segment, c, out);
            return;
        }
        if (reversed) {
            Collections.reverse(segment);
        }
        c.offsets().put(key, from + segment.size());
        if (segment.isEmpty()) {
            if (otherwise != null) {
                otherwise.render(c, out);
            }
            return;
        }
        ForLoop loop = new ForLoop(key, segment.size(), c.loops().peek());
        c.loops().push(loop);
        c.push();
        try {
            c.local("forloop", loop);
            for (Object item : segment) {
                c.step(line);
                c.local(variable, item);
                body.render(c, out);
                loop.next();
                if (c.interrupt == RenderContext.Interrupt.BREAK) {
                    c.interrupt = RenderContext.Interrupt.NONE;
                    break;
                }
                c.interrupt = RenderContext.Interrupt.NONE;
            }
        } finally {
            c.pop();
            c.loops().pop();
        }
    }

    private long integer(Object v, String what, RenderContext c) {
        try {
            return Values.integer(v, what);
        } catch (IllegalArgumentException e) {
            throw new LiquidRenderException(c.templateName(), line, e.getMessage());
        }
    }

    /** Ruby Liquid's {@code slice_collection}: items {@code from} up to {@code to}; a text is one item. */
    private List<Object> slice(Object items, long from, Long to, RenderContext c) {
        List<Object> all;
        switch (items) {
            case String s -> all = s.isEmpty() ? List.of() : List.of(s);
            case LiquidRange r -> {
                long end = to == null ? r.size() : Math.min(r.size(), to);
                List<Object> out = new ArrayList<>();
                for (long i = Math.max(0, from); i < end; i++) {
                    c.step(line);
                    out.add(r.get((int) i));
                }
                return out;
            }
            case List<?> list -> all = new ArrayList<>(list);
            case Map<?, ?> m -> {
                all = new ArrayList<>();
                m.forEach((k, v) -> all.add(java.util.Arrays.asList(k, v)));
            }
            case null, default -> all = List.of();
        }
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (to != null && to <= i) {
                break;
            }
            if (from <= i) {
                out.add(all.get(i));
            }
        }
        return out;
    }

    private void table(List<Object> segment, RenderContext c, Output out) {
        Object colsValue = cols == null ? null : cols.evaluate(c);
        long n = colsValue == null ? segment.size() : colsValue instanceof Number num ? num.longValue()
                : Values.leadingInteger(Values.text(colsValue));
        out.text("<tr class=\"row1\">\n", line);
        TablerowLoop loop = new TablerowLoop(segment.size(), n);
        c.push();
        try {
            c.local("tablerowloop", loop);
            for (Object item : segment) {
                c.step(line);
                c.local(variable, item);
                out.text("<td class=\"col" + loop.col() + "\">", line);
                body.render(c, out);
                out.text("</td>", line);
                if (c.interrupt == RenderContext.Interrupt.BREAK) {
                    c.interrupt = RenderContext.Interrupt.NONE;
                    break;
                }
                c.interrupt = RenderContext.Interrupt.NONE;
                if (loop.colLast() && !loop.last()) {
                    out.text("</tr>\n<tr class=\"row" + (loop.row() + 1) + "\">", line);
                }
                loop.next();
            }
        } finally {
            c.pop();
        }
        out.text("</tr>\n", line);
    }

    @Override
    public boolean blank() {
        return !table && body.blank() && (otherwise == null || otherwise.blank());
    }

    @Override
    public void uses(Uses u) {
        u.read(collection, line);
        u.read(limit, line);
        u.read(offset, line);
        u.read(cols, line);
        u.locals.add(variable);
        body.uses(u);
        if (otherwise != null) {
            otherwise.uses(u);
        }
    }
}
