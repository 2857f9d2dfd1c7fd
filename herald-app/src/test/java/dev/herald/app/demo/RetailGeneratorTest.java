package dev.herald.app.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetailGeneratorTest {

    static final int PROFILES = 20_000;
    @TempDir
    static Path dir;
    static Map<String, Long> counts;

    @BeforeAll
    static void generate() throws IOException {
        counts = new RetailGenerator(7, RetailGenerator.DEFAULT_AS_OF).generate(PROFILES, dir.resolve("a"));
    }

    @Test
    void the_same_seed_writes_the_same_files_byte_for_byte() throws Exception {
        new RetailGenerator(7, RetailGenerator.DEFAULT_AS_OF).generate(PROFILES, dir.resolve("b"));
        for (String entity : counts.keySet()) {
            assertThat(digest(dir.resolve("b/" + entity + ".csv"))).as(entity).isEqualTo(digest(dir.resolve("a/" + entity + ".csv")));
        }
    }

    @Test
    void another_seed_writes_other_profiles() throws Exception {
        new RetailGenerator(8, RetailGenerator.DEFAULT_AS_OF).generate(1_000, dir.resolve("c"));
        new RetailGenerator(7, RetailGenerator.DEFAULT_AS_OF).generate(1_000, dir.resolve("d"));
        assertThat(digest(dir.resolve("c/profile.csv"))).isNotEqualTo(digest(dir.resolve("d/profile.csv")));
    }

    @Test
    void counts_match_the_files_and_purchases_average_about_five_per_profile() throws IOException {
        for (var e : counts.entrySet()) {
            assertThat(lines(e.getKey()).size() - 1L).as(e.getKey()).isEqualTo(e.getValue());
        }
        assertThat(counts.get("profile")).isEqualTo(PROFILES);
        assertThat(counts.get("purchase") / (double) PROFILES).isCloseTo(5.0, within(1.0));
    }

    @Test
    void every_related_row_points_at_an_existing_profile_and_keys_are_unique() throws IOException {
        Set<String> profiles = new HashSet<>(column("profile", 0));
        assertThat(profiles).hasSize(PROFILES);
        for (String entity : List.of("purchase", "booking", "push_device", "web_event")) {
            List<String> ids = column(entity, 0);
            assertThat(new HashSet<>(ids)).as(entity + " ids").hasSameSizeAs(ids);
            assertThat(profiles).as(entity + ".profile_id").containsAll(new HashSet<>(column(entity, 1)));
        }
    }

    @Test
    void profiles_carry_the_realistic_flaws_on_purpose() throws IOException {
        List<String> emails = column("profile", 1);
        Map<String, Integer> seen = new HashMap<>();
        emails.forEach(e -> seen.merge(e, 1, Integer::sum));
        long duplicated = emails.stream().filter(e -> seen.get(e) > 1).count();
        long invalid = emails.stream().filter(e -> !e.matches("[^@\\s]+@[^@\\s]+\\.[a-z]+")).count();
        long noPhone = column("profile", 4).stream().filter(String::isEmpty).count();
        long noEmailConsent = column("profile", 12).stream().filter("false"::equals).count();
        assertThat(duplicated / (double) PROFILES).as("profiles sharing an email").isBetween(0.03, 0.09);
        assertThat(invalid / (double) PROFILES).as("invalid emails").isBetween(0.005, 0.02);
        assertThat(noPhone / (double) PROFILES).as("missing phones").isBetween(0.12, 0.18);
        assertThat(noEmailConsent / (double) PROFILES).as("no email consent").isBetween(0.18, 0.26);
    }

    private static List<String> lines(String entity) throws IOException {
        return Files.readAllLines(dir.resolve("a/" + entity + ".csv"));
    }

    /** A column of a generated file; the generated columns used here never hold quoted commas. */
    private static List<String> column(String entity, int index) throws IOException {
        return lines(entity).stream().skip(1).map(l -> l.split(",", -1)[index]).toList();
    }

    private static String digest(Path file) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
