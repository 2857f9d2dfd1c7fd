package dev.herald.liquid;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed template, rendered as often as needed with the values of each message. A render is
 * bounded by its engine's {@link Bounds}: over one, it fails with a {@link BoundExceededException};
 * a filter that refuses its input fails it with a {@link LiquidRenderException}; nothing else
 * leaves it, not even a stack overflow.
 */
public final class LiquidTemplate {

    private final Liquid engine;
    private final String name;
    private final String source;
    private final Node.Block root;

    LiquidTemplate(Liquid engine, String name, String source, Node.Block root) {
        this.engine = engine;
        this.name = name;
        this.source = source;
        this.root = root;
    }

    public String name() {
        return name;
    }

    public String source() {
        return source;
    }

    Node.Block root() {
        return root;
    }

    /** Renders with {@code values} (the variables a template reads at its top level). */
    public String render(Map<String, ?> values, ZoneId zone, Escape escape) {
        Budget budget = new Budget(engine.bounds());
        RenderContext c = new RenderContext(engine, values, zone, escape, budget, name);
        Output out = c.output();
        try {
            root.render(c, out);
        } catch (StackOverflowError e) {
            throw new BoundExceededException(name, 0, "the template nests too deeply to render");
        } catch (LiquidException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new LiquidRenderException(name, 0, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        return out.toString();
    }

    /**
     * A variable the template reads, as written: its root name and the plain names after it, where:
     * the partial it is in ({@code templates/footer.liquid}; null for the template itself) and the line.
     */
    public record Read(String template, String root, List<String> keys, int line) {

        /** {@code line 3: } or {@code templates/footer.liquid:3: }. */
        public String where() {
            return template == null ? "line " + line + ": " : template + ":" + line + ": ";
        }
    }

    /**
     * The variables this template reads that it does not define itself ({@code assign},
     * {@code capture}, loop variables, {@code forloop}…), with those of the partials it includes.
     */
    public List<Read> reads() {
        List<Read> out = new ArrayList<>();
        collect(this, new LinkedHashSet<>(), Map.of(), new LinkedHashSet<>(), out, 0);
        return out;
    }

    /**
     * {@code inherited}: names the including template defines; {@code aliases}: arguments that are
     * another name as it is ({@code profile: profile}), read as that name.
     */
    private static void collect(LiquidTemplate t, Set<String> inherited, Map<String, String> aliases, Set<String> seen, List<Read> out,
                                int depth) {
        if (t == null || depth > 10 || !seen.add(t.name + "|" + inherited + aliases)) {
            return;
        }
        Uses u = new Uses();
        t.root.uses(u);
        Set<String> locals = new LinkedHashSet<>(inherited);
        locals.addAll(u.locals);
        locals.add("forloop");
        locals.add("tablerowloop");
        for (Uses.Read r : u.reads) {
            String root = r.lookup().name();
            if (root != null && aliases.containsKey(root) && !u.locals.contains(root)) {
                out.add(new Read(t.name, aliases.get(root), r.lookup().plainKeys(), r.line()));
            } else if (root != null && !locals.contains(root)) {
                out.add(new Read(t.name, root, r.lookup().plainKeys(), r.line()));
            }
        }
        for (PartialTag p : u.partials) {
            String partialName = p.literalName();
            if (partialName == null) {
                continue;
            }
            LiquidTemplate partial;
            try {
                partial = t.engine.partial(partialName, t.name, p.line());
            } catch (LiquidException e) {
                continue;
            }
            Set<String> passed = new LinkedHashSet<>(p.isolated() ? Set.of() : locals);
            Map<String, String> passedAliases = new java.util.LinkedHashMap<>();
            p.arguments().forEach((k, e) -> {
                if (e instanceof Expression.Lookup l && l.name() != null && l.keys().isEmpty() && !locals.contains(l.name())) {
                    passedAliases.put(k, aliases.getOrDefault(l.name(), l.name()));
                } else {
                    passed.add(k);
                }
            });
            passed.add(p.alias() != null ? p.alias() : partialName.substring(partialName.lastIndexOf('/') + 1));
            collect(partial, passed, passedAliases, seen, out, depth + 1);
        }
    }

    /** The partials it names with a variable instead of a quoted name, by line: they cannot be checked before a render. */
    public List<Integer> partialsNamedByVariables() {
        Uses u = new Uses();
        root.uses(u);
        return u.partials.stream().filter(p -> p.literalName() == null).map(PartialTag::line).toList();
    }
}
