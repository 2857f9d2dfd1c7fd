package dev.herald.testkit.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.campaign.run.RunStatus;
import dev.herald.campaign.run.LogLine;
import dev.herald.campaign.run.RunRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * reconcile: a file's rows linked to profiles by equal values. The file is written from the store's
 * own profiles, so that every expected link is known by hand-written SQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ReconcileContract {

    RetailStore retail;
    /** line → the profile it must link to (null: none). */
    final Map<Long, Long> expected = new LinkedHashMap<>();
    String sharedEmail;
    List<Long> sharingProfiles;

    @BeforeAll
    void load() throws IOException {
        retail = RetailStore.open(getClass(), 1_500);
        List<String> lines = new ArrayList<>(List.of("email,country,interest"));
        long line = 1;
        // three profiles whose email no other profile has, written in upper case
        for (var r : retail.store().dsl().fetch("select id, email, country from profile where email in "
                + "(select email from profile group by email having count(*) = 1) and email like '%@%.%' order by id limit 3")) {
            lines.add(r.get(1, String.class).toUpperCase() + "," + r.get(2, String.class) + ",shoes");
            expected.put(++line, ((Number) r.get(0)).longValue());
        }
        // an email two or more profiles of one country share: the lowest id wins
        var shared = retail.store().dsl().fetchOne("select email, country from profile group by email, country "
                + "having count(*) > 1 order by email limit 1");
        sharedEmail = shared.get(0, String.class);
        String sharedCountry = shared.get(1, String.class);
        sharingProfiles = retail.keys("select id from profile where email = ? and country = ?", sharedEmail, sharedCountry)
                .stream().map(k -> (Long) k).toList();
        lines.add(sharedEmail + "," + sharedCountry + ",bags");
        expected.put(++line, sharingProfiles.get(0));
        // nobody has this email; nor is an empty value anyone's
        lines.add("nobody@example.org,FR,home");
        expected.put(++line, null);
        lines.add(",FR,home");
        expected.put(++line, null);
        // a known email in another country: both values must match
        var first = expected.values().iterator().next();
        String email = (String) retail.store().dsl().fetchValue("select email from profile where id = ?", first);
        lines.add(email + ",ZZ,beauty");
        expected.put(++line, null);
        Files.writeString(retail.workspace().resolve("contacts.csv"), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    @AfterAll
    void close() {
        retail.close();
    }

    private static String campaign(String id, String reconcileOptions) {
        return """
                id: %s
                name: reconcile
                activities:
                  - id: file
                    type: load-file
                    file: contacts.csv
                    columns:
                      email: { type: string }
                      country: { type: string }
                      interest: { type: string }
                  - id: match
                    type: reconcile
                    from: [file]
                    match:
                      email: target.email.lowerAscii()
                      country: target.country
                %s
                """.formatted(id, reconcileOptions.indent(4).stripTrailing());
    }

    private Map<Long, Long> linked(RunRecord run, String transition) {
        Map<Long, Long> links = new LinkedHashMap<>();
        for (Map<String, Object> row : retail.rows(run, transition)) {
            Object id = row.get("id");
            links.put(((Number) row.get("line")).longValue(), id == null ? null : ((Number) id).longValue());
        }
        return links;
    }

    private Map<Long, Long> matched() {
        Map<Long, Long> m = new LinkedHashMap<>(expected);
        m.values().removeIf(java.util.Objects::isNull);
        return m;
    }

    @Test
    void each_row_is_linked_to_the_profile_whose_fields_equal_its_values_and_keeps_its_columns() {
        RunRecord run = retail.test(campaign("t_reconcile", ""));

        assertThat(run.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(linked(run, "match.out")).isEqualTo(matched());
        Map<String, Object> first = retail.rows(run, "match.out").stream()
                .filter(r -> ((Number) r.get("line")).longValue() == 2L).findFirst().orElseThrow();
        assertThat(first).containsEntry("interest", "shoes").containsKeys("email", "country");
        assertThat(retail.transition(run, "match.out").rows()).isEqualTo(matched().size());
    }

    @Test
    void a_row_matching_several_profiles_takes_the_lowest_key_and_the_log_warns() {
        assertThat(sharingProfiles).hasSizeGreaterThan(1);
        RunRecord run = retail.test(campaign("t_reconcile_ambiguous", ""));

        long sharedLine = expected.entrySet().stream().filter(e -> sharingProfiles.get(0).equals(e.getValue()))
                .findFirst().orElseThrow().getKey();
        assertThat(linked(run, "match.out")).containsEntry(sharedLine, sharingProfiles.stream().min(Long::compare).orElseThrow());
        assertThat(retail.runStore().log(run.id())).filteredOn(l -> "warning".equals(l.level()))
                .extracting(LogLine::message)
                .containsExactly("1 row matches several profile records; each is linked to the one with the lowest id");
    }

    @Test
    void complement_gives_the_rows_that_match_no_profile_on_unreconciled() {
        RunRecord run = retail.test(campaign("t_reconcile_complement", "complement: true"));

        List<Long> unmatched = expected.entrySet().stream().filter(e -> e.getValue() == null).map(Map.Entry::getKey).toList();
        assertThat(retail.keys(run, "match.unreconciled")).containsExactlyElementsOf(unmatched);
        assertThat(retail.rows(run, "match.unreconciled")).allSatisfy(r -> assertThat(r).doesNotContainKey("id")
                .containsKeys("line", "email", "country", "interest"));
        assertThat(linked(run, "match.out")).isEqualTo(matched());
    }

    @Test
    void keep_unreconciled_keeps_every_row_the_unmatched_ones_with_an_empty_key() {
        RunRecord run = retail.test(campaign("t_reconcile_keep", "keep_unreconciled: true"));

        assertThat(linked(run, "match.out")).isEqualTo(expected);
    }
}
