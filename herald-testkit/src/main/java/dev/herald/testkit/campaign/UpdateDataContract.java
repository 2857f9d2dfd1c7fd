package dev.herald.testkit.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.campaign.run.RunStatus;
import dev.herald.campaign.run.RunRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * update-data: insert, update, upsert and delete, each checked against the table afterwards with
 * hand-written SQL. The class changes its own store's data; each test touches records no other
 * test reads (its own country, its own ids), so the order of the tests does not matter.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class UpdateDataContract {

    RetailStore retail;

    @BeforeAll
    void load() throws IOException {
        retail = RetailStore.open(getClass(), 1_500);
    }

    @AfterAll
    void close() {
        retail.close();
    }

    private void write(String file, String text) throws IOException {
        Files.writeString(retail.workspace().resolve(file), text, StandardCharsets.UTF_8);
    }

    /** A campaign loading {@code file} (columns profile_id: long, city: string) into update-data with {@code options}. */
    private static String fromFile(String id, String file, String options) {
        return """
                id: %s
                name: update from a file
                activities:
                  - id: file
                    type: load-file
                    file: %s
                    columns:
                      profile_id: { type: long }
                      city: { type: string }
                  - id: change
                    type: update-data
                    from: [file]
                    entity: profile
                    rejects: true
                %s
                """.formatted(id, file, options.indent(4).stripTrailing());
    }

    private TreeSet<Object> lines(RunRecord run, String transition) {
        TreeSet<Object> lines = new TreeSet<>();
        retail.rows(run, transition).forEach(r -> lines.add(((Number) r.get("line")).longValue()));
        return lines;
    }

    private String city(long profile) {
        return (String) retail.store().dsl().fetchValue("select city from profile where id = ?", profile);
    }

    /** The profiles not matching {@code where}, as (id, city, loyalty_tier, email): what must not change. */
    private List<Map<String, Object>> others(String where) {
        return retail.store().dsl().fetch("select id, city, loyalty_tier, email from profile where not (" + where + ") order by id").intoMaps();
    }

    @Test
    void update_sets_the_fields_of_the_population_and_of_no_one_else() {
        String others = "country = 'SE'";
        List<Map<String, Object>> before = others(others);
        var cities = retail.store().dsl().fetch("select id, city from profile where country = 'SE' order by id").intoMap(0, 1);

        RunRecord run = retail.run("""
                id: t_update_se
                name: lapsed Swedes
                activities:
                  - id: swedes
                    type: build-audience
                    expression: profile.country == "SE"
                  - id: change
                    type: update-data
                    from: [swedes]
                    operation: update
                    fields:
                      loyalty_tier: '"lapsed"'
                      city: profile.city + " (SE)"
                    rejects: true
                """);

        assertThat(run.status()).isEqualTo(RunStatus.FINISHED);
        TreeSet<Object> swedes = retail.keys("select id from profile where country = 'SE'");
        assertThat(swedes).isNotEmpty();
        assertThat(retail.keys("select id from profile where loyalty_tier = 'lapsed'")).isEqualTo(swedes);
        retail.store().dsl().fetch("select id, city from profile where country = 'SE'")
                .forEach(r -> assertThat(r.get(1)).isEqualTo(cities.get(r.get(0)) + " (SE)"));
        assertThat(others(others)).isEqualTo(before);
        assertThat(retail.keys(run, "change.out")).isEqualTo(swedes);
        assertThat(retail.keys(run, "change.rejects")).isEmpty();
    }

    @Test
    void update_from_file_rows_rejects_a_missing_record_an_empty_key_and_a_repeated_key() throws IOException {
        write("update.csv", """
                profile_id,city
                11,Updated eleven
                999999,Nowhere
                ,Empty
                12,Updated twelve
                11,Updated eleven again
                """);
        RunRecord run = retail.run(fromFile("t_update_file", "update.csv", """
                operation: update
                fields:
                  id: target.profile_id
                  city: target.city
                """));

        assertThat(run.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(city(11)).isEqualTo("Updated eleven");
        assertThat(city(12)).isEqualTo("Updated twelve");
        assertThat(retail.count("select count(*) from profile where id = 999999")).isZero();
        assertThat(lines(run, "change.out")).containsExactly(2L, 5L);
        assertThat(lines(run, "change.rejects")).containsExactly(3L, 4L, 6L);
    }

    @Test
    void insert_adds_new_records_and_rejects_a_taken_key_an_empty_key_and_a_repeated_key() throws IOException {
        String cityOf21 = city(21);
        write("insert.csv", """
                profile_id,city
                900001,Reykjavík
                21,Taken
                900002,Tórshavn
                ,Empty
                900001,Second Reykjavík
                """);
        RunRecord run = retail.run(fromFile("t_insert_file", "insert.csv", """
                operation: insert
                fields:
                  id: target.profile_id
                  city: target.city
                  loyalty_tier: '"new"'
                """));

        assertThat(run.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(retail.store().dsl().fetch("select id, city, loyalty_tier from profile where id between 900000 and 900999 order by id")
                .map(r -> ((Number) r.get(0)).longValue() + " " + r.get(1) + " " + r.get(2)))
                .containsExactly("900001 Reykjavík new", "900002 Tórshavn new");
        assertThat(city(21)).isEqualTo(cityOf21);
        assertThat(lines(run, "change.out")).containsExactly(2L, 4L);
        assertThat(lines(run, "change.rejects")).containsExactly(3L, 5L, 6L);
    }

    @Test
    void upsert_updates_existing_records_inserts_new_ones_and_rejects_an_empty_key() throws IOException {
        write("upsert.csv", """
                profile_id,city
                31,Upserted
                910001,Brand new
                ,Empty
                """);
        long profiles = retail.count("select count(*) from profile");
        RunRecord run = retail.run(fromFile("t_upsert_file", "upsert.csv", """
                operation: upsert
                fields:
                  id: target.profile_id
                  city: target.city
                """));

        assertThat(run.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(city(31)).isEqualTo("Upserted");
        assertThat(retail.store().dsl().fetchValue("select email from profile where id = 31")).isNotNull();
        assertThat(city(910001)).isEqualTo("Brand new");
        assertThat(retail.count("select count(*) from profile")).isEqualTo(profiles + 1);
        assertThat(lines(run, "change.out")).containsExactly(2L, 3L);
        assertThat(lines(run, "change.rejects")).containsExactly(4L);
    }

    @Test
    void delete_removes_the_population_records_only() {
        long bookings = retail.count("select count(*) from booking");
        TreeSet<Object> cancelled = retail.keys("select id from booking where status = 'cancelled'");
        assertThat(cancelled).isNotEmpty();

        RunRecord run = retail.run("""
                id: t_delete_cancelled
                name: forget cancelled bookings
                dimension: booking
                activities:
                  - id: cancelled
                    type: build-audience
                    expression: booking.status == "cancelled"
                  - id: change
                    type: update-data
                    from: [cancelled]
                    operation: delete
                    rejects: true
                """);

        assertThat(run.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(retail.count("select count(*) from booking where status = 'cancelled'")).isZero();
        assertThat(retail.count("select count(*) from booking")).isEqualTo(bookings - cancelled.size());
        assertThat(retail.keys(run, "change.out")).isEqualTo(cancelled);
        assertThat(retail.keys(run, "change.rejects")).isEmpty();
    }

    @Test
    void delete_from_file_rows_rejects_keys_with_no_record() throws IOException {
        write("delete.csv", "profile_id,city\n41,\n999998,\n42,\n");
        RunRecord run = retail.run(fromFile("t_delete_file", "delete.csv", """
                operation: delete
                fields:
                  id: target.profile_id
                """));

        assertThat(run.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(retail.count("select count(*) from profile where id in (41, 42)")).isZero();
        assertThat(retail.count("select count(*) from profile where id in (40, 43)")).isEqualTo(2);
        assertThat(lines(run, "change.out")).containsExactly(2L, 4L);
        assertThat(lines(run, "change.rejects")).containsExactly(3L);
    }

    @Test
    void a_profile_repeated_in_the_population_is_updated_once_and_is_not_a_reject() {
        RunRecord run = retail.run("""
                id: t_update_buyers
                name: mark bag buyers
                dimension: purchase
                activities:
                  - id: bags
                    type: build-audience
                    expression: purchase.product.category == "bags" && purchase.profile.country == "PT"
                  - id: buyers
                    type: change-dimension
                    from: [bags]
                    link: profile
                  - id: change
                    type: update-data
                    from: [buyers]
                    operation: update
                    fields:
                      loyalty_tier: '"bag_buyer"'
                    rejects: true
                """);

        TreeSet<Object> buyers = retail.keys("select distinct pu.profile_id from purchase pu join product p on p.id = pu.product_id "
                + "join profile pr on pr.id = pu.profile_id where p.category = 'bags' and pr.country = 'PT'");
        assertThat(retail.transition(run, "buyers.out").rows()).isGreaterThan(buyers.size());
        assertThat(retail.keys("select id from profile where loyalty_tier = 'bag_buyer'")).isEqualTo(buyers);
        assertThat(retail.keys(run, "change.out")).isEqualTo(buyers);
        assertThat(retail.keys(run, "change.rejects")).isEmpty();
    }

    @Test
    void rows_left_with_an_empty_key_by_reconcile_are_rejects() throws IOException {
        String email = (String) retail.store().dsl().fetchValue("select email from profile where id = 51");
        write("reconciled.csv", "email,city\n" + email + ",Matched\nnobody@example.org,Unmatched\n");
        RunRecord run = retail.run("""
                id: t_update_reconciled
                name: update reconciled rows
                activities:
                  - id: file
                    type: load-file
                    file: reconciled.csv
                    columns:
                      email: { type: string }
                      city: { type: string }
                  - id: match
                    type: reconcile
                    from: [file]
                    match: { email: target.email }
                    keep_unreconciled: true
                  - id: change
                    type: update-data
                    from: [match]
                    operation: update
                    fields:
                      city: target.city
                    rejects: true
                """);

        assertThat(city(51)).isEqualTo("Matched");
        assertThat(retail.count("select count(*) from profile where city = 'Unmatched'")).isZero();
        assertThat(lines(run, "change.out")).containsExactly(2L);
        assertThat(lines(run, "change.rejects")).containsExactly(3L);
    }

    @Test
    void a_test_run_changes_no_data_but_shows_what_would_apply() throws IOException {
        List<Map<String, Object>> before = others("false");
        long bookings = retail.count("select count(*) from booking");
        write("test_upsert.csv", "profile_id,city\n61,Would change\n920001,Would be new\n,Empty\n");

        RunRecord update = retail.test("""
                id: t_update_test
                name: a test update
                activities:
                  - id: all
                    type: build-audience
                    expression: profile.country == "GB"
                  - id: change
                    type: update-data
                    from: [all]
                    operation: update
                    fields: { loyalty_tier: '"test"' }
                    rejects: true
                """);
        RunRecord upsert = retail.test(fromFile("t_upsert_test", "test_upsert.csv", """
                operation: upsert
                fields:
                  id: target.profile_id
                  city: target.city
                """));
        RunRecord delete = retail.test("""
                id: t_delete_test
                name: a test delete
                dimension: booking
                activities:
                  - id: all
                    type: build-audience
                    expression: booking.status == "attended"
                  - id: change
                    type: update-data
                    from: [all]
                    operation: delete
                """);

        assertThat(List.of(update.status(), upsert.status(), delete.status())).containsOnly(RunStatus.FINISHED);
        assertThat(others("false")).isEqualTo(before);
        assertThat(retail.count("select count(*) from booking")).isEqualTo(bookings);
        assertThat(retail.keys(update, "change.out")).isEqualTo(retail.keys("select id from profile where country = 'GB'"));
        assertThat(lines(upsert, "change.out")).containsExactly(2L, 3L);
        assertThat(lines(upsert, "change.rejects")).containsExactly(4L);
        assertThat(retail.runStore().log(update.id())).anyMatch(l -> l.message().startsWith("a test run changes no data"));
    }

    @Test
    void a_field_set_to_now_holds_the_moment_the_run_judges_at() {
        RunRecord run = retail.run("""
                id: t_update_now
                name: stamp
                activities:
                  - id: some
                    type: build-audience
                    expression: profile.country == "JP"
                  - id: change
                    type: update-data
                    from: [some]
                    operation: update
                    fields:
                      signup_at: now
                """);

        assertThat(run.status()).isEqualTo(RunStatus.FINISHED);
        TreeSet<Object> japanese = retail.keys("select id from profile where country = 'JP'");
        assertThat(japanese).isNotEmpty();
        assertThat(retail.keys("select id from profile where signup_at = ?", RetailStore.now())).isEqualTo(japanese);
    }
}
