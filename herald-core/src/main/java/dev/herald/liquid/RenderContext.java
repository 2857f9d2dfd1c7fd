package dev.herald.liquid;

import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The state of one render: the values given to it (Herald's {@code profile}, {@code target},
 * {@code vars}…), the template's own variables in scopes (an {@code assign} writes to the
 * outermost one, a loop's variable lives in a scope of its own), counters, what {@code cycle},
 * {@code ifchanged} and {@code offset: continue} remember, a {@code break} or {@code continue}
 * under way, the time zone of dates, and the budget of the render's bounds.
 */
final class RenderContext {

    enum Interrupt { NONE, BREAK, CONTINUE }

    private final Liquid engine;
    private final Map<String, Object> globals;
    private final Deque<Map<String, Object>> scopes = new ArrayDeque<>();
    private final Map<String, Object> counters;
    private final Map<Object, Long> cycles;
    private final Map<String, Long> offsets;
    private final Deque<ForLoop> loops = new ArrayDeque<>();
    private final Budget budget;
    private final Set<Object> safe;
    private final ZoneId zone;
    private final Escape escape;
    private final int partialDepth;
    private String templateName;
    private String ifchanged;
    private int includeDepth;
    Interrupt interrupt = Interrupt.NONE;

    RenderContext(Liquid engine, Map<String, ?> globals, ZoneId zone, Escape escape, Budget budget, String templateName) {
        this(engine, Collections.unmodifiableMap(globals), zone, escape, budget, templateName, 0, new HashMap<>(), new HashMap<>(),
                new HashMap<>(), Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    @SuppressWarnings("unchecked")
    private RenderContext(Liquid engine, Map<String, ?> globals, ZoneId zone, Escape escape, Budget budget, String templateName,
                          int partialDepth, Map<String, Object> counters, Map<Object, Long> cycles, Map<String, Long> offsets,
                          Set<Object> safe) {
        this.engine = engine;
        this.globals = (Map<String, Object>) globals;
        this.zone = zone;
        this.escape = escape;
        this.budget = budget;
        this.templateName = templateName;
        this.partialDepth = partialDepth;
        this.counters = counters;
        this.cycles = cycles;
        this.offsets = offsets;
        this.safe = safe;
        scopes.push(new HashMap<>());
    }

    /** A context for a partial rendered with {@code render}: the same values and budget, none of the caller's variables. */
    RenderContext isolated(String partial, int line) {
        checkDepth(partial, line);
        return new RenderContext(engine, globals, zone, escape, budget, partial, partialDepth + includeDepth + 1, new HashMap<>(), cycles,
                new HashMap<>(), safe);
    }

    void checkDepth(String partial, int line) {
        if (partialDepth + includeDepth + 1 > budget.bounds().partialDepth()) {
            throw new BoundExceededException(templateName, line, "partials include partials more than "
                    + budget.bounds().partialDepth() + " deep (does '" + partial + "' include itself?)");
        }
    }

    /** Into a partial rendered with {@code include}, which shares this context. */
    void intoInclude(String partial, int line) {
        if (partialDepth + includeDepth + 1 > budget.bounds().partialDepth()) {
            throw new BoundExceededException(templateName, line, "partials include partials more than "
                    + budget.bounds().partialDepth() + " deep (does '" + partial + "' include itself?)");
        }
        includeDepth++;
    }

    void outOfInclude() {
        includeDepth--;
    }

    Liquid engine() {
        return engine;
    }

    ZoneId zone() {
        return zone;
    }

    Escape escape() {
        return escape;
    }

    String templateName() {
        return templateName;
    }

    /** Sets the template being rendered (an included partial) and returns the one before. */
    String enter(String name) {
        String before = templateName;
        templateName = name;
        return before;
    }

    int partialDepth() {
        return partialDepth;
    }

    Object find(String name) {
        for (Map<String, Object> scope : scopes) {
            if (scope.containsKey(name)) {
                return scope.get(name);
            }
        }
        if (counters.containsKey(name)) {
            return counters.get(name);
        }
        return globals.get(name);
    }

    /** {@code assign} and {@code capture}: the outermost scope, counted against the bound of assigned values. */
    void assign(String name, Object value, int line) {
        budget.assigned(weight(value, 0), templateName, line);
        scopes.getLast().put(name, value);
    }

    /** Ruby Liquid's assign score: a text its length, a list or map one plus its items. */
    private static long weight(Object v, int depth) {
        if (v instanceof String s) {
            return s.length();
        }
        if (depth > 8) {
            return 1;
        }
        if (v instanceof LiquidRange) {
            return 1;
        }
        if (v instanceof Collection<?> c) {
            long sum = 1;
            for (Object o : c) {
                sum += weight(o, depth + 1);
            }
            return sum;
        }
        if (v instanceof Map<?, ?> m) {
            long sum = 1;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sum += weight(e.getKey(), depth + 1) + weight(e.getValue(), depth + 1);
            }
            return sum;
        }
        return 1;
    }

    /** A variable of the innermost scope (a loop's variable, an include's arguments). */
    void local(String name, Object value) {
        scopes.getFirst().put(name, value);
    }

    void push() {
        scopes.push(new LinkedHashMap<>());
    }

    void pop() {
        scopes.pop();
    }

    Map<String, Object> counters() {
        return counters;
    }

    Map<Object, Long> cycles() {
        return cycles;
    }

    Map<String, Long> offsets() {
        return offsets;
    }

    Deque<ForLoop> loops() {
        return loops;
    }

    String ifchanged() {
        return ifchanged;
    }

    void ifchanged(String last) {
        ifchanged = last;
    }

    void step(int line) {
        budget.step(templateName, line);
    }

    void checkValue(Object v, int line) {
        budget.value(v, templateName, line);
    }

    Output output() {
        return new Output(escape, budget, safe, templateName);
    }

    /** An output for a {@code capture}: HTML escaped as the message is; JSON as plain text, escaped when inserted. */
    Output captureOutput() {
        return new Output(escape == Escape.JSON ? Escape.NONE : escape, budget, safe, templateName);
    }

    /** Marks a captured text as already escaped, so that writing it again does not escape it twice. */
    void markSafe(String captured) {
        if (escape == Escape.HTML) {
            safe.add(captured);
        }
    }
}
