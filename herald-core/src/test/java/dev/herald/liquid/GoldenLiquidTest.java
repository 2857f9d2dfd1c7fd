package dev.herald.liquid;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Herald's Liquid against the golden-liquid conformance suite (the results of Shopify's Ruby
 * Liquid), read in place from the shared copy beside the project. Each case is rendered with its
 * data; its partials are written to a {@code templates/} folder and read through
 * {@link TemplateFolder}, as a workspace's are; a case marked {@code invalid} must be refused. The
 * pass rate must be at least 97 %, and docs/templates.md must show the rates this run measured.
 */
class GoldenLiquidTest {

    static final double REQUIRED = 0.97;
    static final String BEGIN = "<!-- golden-liquid rates: written by GoldenLiquidTest -->";
    static final String END = "<!-- end of golden-liquid rates -->";

    record Outcome(String name, String category, String group, boolean passed, String expected, String got) {
    }

    private static final List<Outcome> OUTCOMES = new ArrayList<>();
    private static Path root;

    @BeforeAll
    static void runTheSuite(@TempDir Path work) throws IOException {
        root = projectRoot();
        Path suite = root.resolveSibling("shared").resolve("conformance/golden-liquid/golden_liquid.json");
        String override = System.getProperty("golden.liquid");
        if (override != null) {
            suite = Path.of(override);
        }
        assertThat(suite).as("the golden-liquid suite (../shared/conformance/golden-liquid beside the project, or -Dgolden.liquid=FILE)")
                .isRegularFile();
        ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);
        JsonNode tests = json.readTree(suite.toFile()).get("tests");
        int n = 0;
        for (JsonNode t : tests) {
            OUTCOMES.add(run(t, json, work.resolve("case" + n++)));
        }
    }

    /** The folder holding mvnw and the modules, from wherever the test runs. */
    static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.exists(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("herald-core")))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("the project's root above " + Path.of("").toAbsolutePath()).isNotNull();
        return dir;
    }

    private static Outcome run(JsonNode t, ObjectMapper json, Path dir) throws IOException {
        String name = t.get("name").asText();
        String[] parts = name.split(", ");
        String category = parts[0];
        String group = parts.length > 2 ? parts[1] : "";
        Partials partials = Partials.NONE;
        if (t.has("templates")) {
            Path templates = Files.createDirectories(dir.resolve("templates"));
            for (Iterator<Map.Entry<String, JsonNode>> it = t.get("templates").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                Files.writeString(templates.resolve(e.getKey() + TemplateFolder.EXTENSION), e.getValue().asText());
            }
            partials = new TemplateFolder(templates, "templates");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> data = t.has("data") ? json.convertValue(t.get("data"), LinkedHashMap.class) : Map.of();
        List<String> expected = new ArrayList<>();
        if (t.has("result")) {
            expected.add(t.get("result").asText());
        }
        if (t.has("results")) {
            t.get("results").forEach(r -> expected.add(r.asText()));
        }
        boolean invalid = t.path("invalid").asBoolean(false);
        String got;
        boolean passed;
        try {
            got = Liquid.standard().withPartials(partials).parse(t.get("template").asText(), null).render(data, ZoneOffset.UTC, Escape.NONE);
            passed = !invalid && expected.contains(got);
        } catch (LiquidException e) {
            got = "refused: " + e.getMessage();
            passed = invalid;
        } catch (RuntimeException | StackOverflowError e) {
            got = "crashed: " + e;
            passed = false;
        }
        return new Outcome(name, category, group, passed, invalid ? "refused" : String.join(" | ", expected), got);
    }

    /** Passed and total by category. */
    static Map<String, int[]> byCategory() {
        Map<String, int[]> rates = new TreeMap<>();
        for (Outcome o : OUTCOMES) {
            int[] r = rates.computeIfAbsent(o.category(), k -> new int[2]);
            r[0] += o.passed() ? 1 : 0;
            r[1]++;
        }
        return rates;
    }

    static String table() {
        StringBuilder b = new StringBuilder("| category | passed | cases | rate |\n|---|---:|---:|---:|\n");
        int passed = 0;
        int total = 0;
        for (Map.Entry<String, int[]> e : byCategory().entrySet()) {
            b.append(String.format(java.util.Locale.ROOT, "| %s | %d | %d | %.1f %% |%n", e.getKey(), e.getValue()[0], e.getValue()[1],
                    100.0 * e.getValue()[0] / e.getValue()[1]));
            passed += e.getValue()[0];
            total += e.getValue()[1];
        }
        long partialCases = OUTCOMES.stream().filter(o -> o.group().equals("include") || o.group().equals("render")).count();
        long partialPassed = OUTCOMES.stream().filter(o -> (o.group().equals("include") || o.group().equals("render")) && o.passed()).count();
        b.append(String.format(java.util.Locale.ROOT, "| **all** | **%d** | **%d** | **%.1f %%** |%n", passed, total, 100.0 * passed / total));
        b.append(String.format("%nOf them, `include` and `render` of partials: %d of %d.%n", partialPassed, partialCases));
        return b.toString();
    }

    @Test
    void herald_liquid_passes_at_least_97_percent_of_golden_liquid() {
        StringBuilder failures = new StringBuilder();
        Map<String, List<Outcome>> failed = new TreeMap<>();
        OUTCOMES.stream().filter(o -> !o.passed()).forEach(o -> failed.computeIfAbsent(o.category(), k -> new ArrayList<>()).add(o));
        failed.forEach((category, list) -> {
            failures.append(category).append(": ").append(list.size()).append(" failed\n");
            for (Outcome o : list) {
                failures.append("  ").append(o.name()).append("\n    expected: ").append(o.expected().replace("\n", "\\n"))
                        .append("\n    got:      ").append(o.got().replace("\n", "\\n")).append('\n');
            }
        });
        System.out.println(table());
        System.out.println(failures);
        long passed = OUTCOMES.stream().filter(Outcome::passed).count();
        assertThat((double) passed / OUTCOMES.size()).as("golden-liquid cases passed: %d of %d; failures:%n%s", passed, OUTCOMES.size(), failures)
                .isGreaterThanOrEqualTo(REQUIRED);
    }

    @Test
    void the_documentation_shows_the_rates_this_suite_measures() throws IOException {
        Path doc = root.resolve("docs/templates.md");
        String text = Files.exists(doc) ? Files.readString(doc) : "";
        String expected = BEGIN + "\n" + table() + END;
        if (Boolean.getBoolean("golden.liquid.write") && text.contains(BEGIN) && text.contains(END)) {
            text = text.substring(0, text.indexOf(BEGIN)) + expected + text.substring(text.indexOf(END) + END.length());
            Files.writeString(doc, text);
        }
        assertThat(text).as("docs/templates.md shows the golden-liquid rates (run with -Dgolden.liquid.write=true to write them)")
                .contains(expected);
    }
}
