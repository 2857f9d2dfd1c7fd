package dev.herald.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of DESIGN.md, read off the sources of every module: which module's packages
 * each module may use, which libraries it may not touch, and that no package reaches another that
 * reaches it back. A reference is an import or a qualified name in code (comments and texts aside).
 */
class ModuleRulesTest {

    /** The modules of Herald and the modules each may use besides itself. */
    private static final Map<String, Set<String>> MAY_USE = new LinkedHashMap<>();
    /** Libraries a module must not touch. */
    private static final Map<String, Set<String>> MUST_NOT_TOUCH = new LinkedHashMap<>();

    static {
        Set<String> jdbc = Set.of("org.jooq", "java.sql", "javax.sql", "org.postgresql", "org.duckdb", "org.flywaydb");
        Set<String> adapters = Set.of("picocli", "io.javalin");
        rule("herald-core", Set.of(), union(jdbc, adapters));
        rule("herald-store", Set.of("herald-core"), adapters);
        rule("herald-channels", Set.of("herald-core"), union(jdbc, adapters));
        rule("herald-app", Set.of("herald-core", "herald-store", "herald-channels"), adapters);
        rule("herald-server", Set.of("herald-core", "herald-app"), union(jdbc, Set.of("picocli")));
        rule("herald-cli", Set.of("herald-core", "herald-app", "herald-server"), union(jdbc, Set.of("io.javalin")));
    }

    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+);", Pattern.MULTILINE);
    /** A qualified reference: lower-case package parts, then a type. */
    private static final Pattern REFERENCE = Pattern.compile(
            "(?<![\\w.])((?:dev\\.herald|org\\.jooq|java\\.sql|javax\\.sql|org\\.postgresql|org\\.duckdb|org\\.flywaydb|picocli|io\\.javalin)"
                    + "(?:\\.[a-z_][a-z0-9_]*)*)\\.[A-Z]");
    private static final Pattern STATIC_IMPORT = Pattern.compile("^import\\s+static\\s+([\\w.]+)\\.[A-Z]\\w*\\.[\\w*]+;", Pattern.MULTILINE);

    /** Module → its packages → the packages (and libraries) they reference. */
    private static final Map<String, Map<String, Set<String>>> REFERENCES = new TreeMap<>();
    /** Package → the module that holds it. */
    private static final Map<String, String> MODULE_OF = new HashMap<>();

    private static void rule(String module, Set<String> mayUse, Set<String> mustNotTouch) {
        MAY_USE.put(module, mayUse);
        MUST_NOT_TOUCH.put(module, mustNotTouch);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new TreeSet<>(a);
        u.addAll(b);
        return u;
    }

    @BeforeAll
    static void read() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : modules.filter(m -> m.getFileName().toString().startsWith("herald-")).toList()) {
                Path sources = module.resolve("src/main/java");
                if (!Files.isDirectory(sources)) {
                    continue;
                }
                Map<String, Set<String>> packages = new TreeMap<>();
                try (Stream<Path> files = Files.walk(sources)) {
                    files.filter(f -> f.toString().endsWith(".java")).forEach(f -> read(f, packages));
                }
                REFERENCES.put(module.getFileName().toString(), packages);
                packages.keySet().forEach(p -> MODULE_OF.put(p, module.getFileName().toString()));
            }
        }
        assertThat(REFERENCES).as("the modules read").containsKeys(MAY_USE.keySet().toArray(String[]::new));
    }

    private static void read(Path file, Map<String, Set<String>> packages) {
        String text;
        try {
            text = code(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher p = PACKAGE.matcher(text);
        assertThat(p.find()).as("%s declares its package", file).isTrue();
        Set<String> refs = packages.computeIfAbsent(p.group(1), k -> new TreeSet<>());
        Matcher m = REFERENCE.matcher(text.substring(p.end()));
        while (m.find()) {
            refs.add(m.group(1));
        }
        Matcher s = STATIC_IMPORT.matcher(text);
        while (s.find()) {
            refs.add(s.group(1));
        }
    }

    /** The code of a source file: comments and string literals blanked out. */
    static String code(String source) {
        StringBuilder b = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                i = end < 0 ? source.length() : end + 3;
                b.append("\"\"");
            } else if (source.startsWith("//", i)) {
                int end = source.indexOf('\n', i);
                i = end < 0 ? source.length() : end;
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? source.length() : end + 2;
                b.append(' ');
            } else if (source.charAt(i) == '"' || source.charAt(i) == '\'') {
                char quote = source.charAt(i);
                int j = i + 1;
                while (j < source.length() && source.charAt(j) != quote) {
                    j += source.charAt(j) == '\\' ? 2 : 1;
                }
                i = j + 1;
                b.append(quote).append(quote);
            } else {
                b.append(source.charAt(i++));
            }
        }
        return b.toString();
    }

    @Test
    void each_module_uses_only_the_modules_below_it() {
        List<String> violations = new ArrayList<>();
        MAY_USE.forEach((module, allowed) -> REFERENCES.get(module).forEach((pkg, refs) -> {
            for (String ref : refs) {
                String target = owner(ref);
                if (target != null && !target.equals(module) && !allowed.contains(target)) {
                    violations.add(pkg + " (" + module + ") uses " + ref + " (" + target + ")");
                }
            }
        }));
        assertThat(violations).isEmpty();
    }

    @Test
    void no_module_touches_a_library_it_must_not() {
        List<String> violations = new ArrayList<>();
        MUST_NOT_TOUCH.forEach((module, libraries) -> REFERENCES.get(module).forEach((pkg, refs) -> {
            for (String ref : refs) {
                libraries.stream().filter(l -> ref.equals(l) || ref.startsWith(l + ".")).findFirst()
                        .ifPresent(l -> violations.add(pkg + " (" + module + ") uses " + ref));
            }
        }));
        assertThat(violations).isEmpty();
    }

    @Test
    void no_package_depends_on_itself_through_others() {
        Map<String, Set<String>> graph = new TreeMap<>();
        REFERENCES.values().forEach(packages -> packages.forEach((pkg, refs) -> {
            Set<String> targets = graph.computeIfAbsent(pkg, k -> new TreeSet<>());
            refs.stream().map(ModuleRulesTest::herald).filter(t -> t != null && !t.equals(pkg)).forEach(targets::add);
        }));
        assertThat(cycles(graph)).isEmpty();
    }

    @Test
    void the_binary_ships_no_test_code() {
        for (String module : MAY_USE.keySet()) {
            REFERENCES.get(module).forEach((pkg, refs) -> assertThat(refs).as(pkg)
                    .noneMatch(r -> r.startsWith("dev.herald.testkit") || r.startsWith("org.junit") || r.startsWith("org.assertj")));
        }
    }

    @Test
    void the_rules_catch_a_forbidden_reference_and_a_cycle() {
        Map<String, Set<String>> packages = new TreeMap<>();
        assertThat(code("package a; // dev.herald.store.Store\nclass A { String s = \"org.jooq.DSL\"; dev.herald.store.Store t; }"))
                .contains("dev.herald.store.Store t").doesNotContain("org.jooq");
        assertThat(cycles(graph("a:b", "b:c", "c:a", "d:a"))).containsExactly("a → b → c → a");
        assertThat(cycles(graph("a:b,c", "b:a", "c:a"))).containsExactly("a → b → a (among [a, b, c])");
        assertThat(cycles(graph("a:b", "b:c", "d:a"))).isEmpty();
        assertThat(packages).isEmpty();
    }

    /** A graph written as {@code from:to,to}. */
    private static Map<String, Set<String>> graph(String... edges) {
        Map<String, Set<String>> graph = new TreeMap<>();
        for (String e : edges) {
            String[] parts = e.split(":");
            graph.put(parts[0], new TreeSet<>(List.of(parts[1].split(","))));
        }
        return graph;
    }

    /** The module holding the package of a reference (its longest known prefix), or null for a library. */
    private static String owner(String ref) {
        String pkg = herald(ref);
        return pkg == null ? null : MODULE_OF.get(pkg);
    }

    /** The Herald package a reference names: the reference itself, or for a nested type its outer package. */
    private static String herald(String ref) {
        for (String p = ref; p.contains("."); p = p.substring(0, p.lastIndexOf('.'))) {
            if (MODULE_OF.containsKey(p)) {
                return p;
            }
        }
        return null;
    }

    /** Every strongly connected group of more than one package, as a path around it. */
    static List<String> cycles(Map<String, Set<String>> graph) {
        List<String> found = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        int[] counter = {0};
        for (String v : new TreeSet<>(graph.keySet())) {
            if (!index.containsKey(v)) {
                connect(v, graph, index, low, stack, onStack, counter, found);
            }
        }
        return found;
    }

    private static void connect(String v, Map<String, Set<String>> graph, Map<String, Integer> index, Map<String, Integer> low,
                                Deque<String> stack, Set<String> onStack, int[] counter, List<String> found) {
        index.put(v, counter[0]);
        low.put(v, counter[0]++);
        stack.push(v);
        onStack.add(v);
        for (String w : graph.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                connect(w, graph, index, low, stack, onStack, counter, found);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            List<String> group = new ArrayList<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                group.add(w);
            } while (!w.equals(v));
            if (group.size() > 1) {
                found.add(path(new TreeSet<>(group), graph));
            }
        }
    }

    /** A cycle through a group, from its first package back to it: {@code a → b → c → a}. */
    private static String path(TreeSet<String> group, Map<String, Set<String>> graph) {
        String start = group.first();
        Map<String, String> previous = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            String v = queue.poll();
            for (String w : graph.getOrDefault(v, Set.of())) {
                if (w.equals(start)) {
                    List<String> path = new ArrayList<>(List.of(start));
                    for (String p = v; !p.equals(start); p = previous.get(p)) {
                        path.add(1, p);
                    }
                    path.add(start);
                    return String.join(" → ", path) + (group.size() > path.size() - 1 ? " (among " + group + ")" : "");
                }
                if (group.contains(w) && !previous.containsKey(w)) {
                    previous.put(w, v);
                    queue.add(w);
                }
            }
        }
        return String.join(", ", group);
    }
}
