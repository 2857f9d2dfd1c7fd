package dev.herald.testkit.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.campaign.run.RunStatus;
import dev.herald.audience.Audience;
import dev.herald.store.audience.Audiences;
import dev.herald.campaign.run.RunRecord;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** save-audience: a live run saves the population as a static audience, a new version replacing the list; a test run saves nothing. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SaveAudienceContract {

    RetailStore retail;

    @BeforeAll
    void load() throws IOException {
        retail = RetailStore.open(getClass(), 1_500);
    }

    @AfterAll
    void close() {
        retail.close();
    }

    private Optional<Audience> saved(String name) {
        return new Audiences(retail.store(), retail.schema(), Map.of(), Instant.now()).find(name);
    }

    private TreeSet<Object> members(Audience a) {
        return retail.keys("select id from " + a.populationTable());
    }

    private static String saving(String id, String expression, String audience) {
        return """
                id: %s
                name: save
                activities:
                  - id: who
                    type: build-audience
                    expression: %s
                  - id: save
                    type: save-audience
                    from: [who]
                    name: %s
                """.formatted(id, expression, audience);
    }

    @Test
    void a_live_run_saves_the_population_and_a_later_run_replaces_the_list_as_a_new_version() {
        RunRecord first = retail.run(saving("t_save_fr", "profile.country == \"FR\"", "event_list"));
        assertThat(first.status()).isEqualTo(RunStatus.FINISHED);
        TreeSet<Object> french = retail.keys("select id from profile where country = 'FR'");
        Audience v1 = saved("event_list").orElseThrow();
        assertThat(v1.kind()).isEqualTo(Audience.Kind.STATIC);
        assertThat(v1.version()).isEqualTo(1);
        assertThat(v1.dimension()).isEqualTo("profile");
        assertThat(v1.size()).isEqualTo(french.size());
        assertThat(members(v1)).isEqualTo(french);
        assertThat(retail.keys(first, "save.out")).isEqualTo(french);

        RunRecord second = retail.run(saving("t_save_de", "profile.country == \"DE\"", "event_list"));
        assertThat(second.status()).isEqualTo(RunStatus.FINISHED);
        TreeSet<Object> german = retail.keys("select id from profile where country = 'DE'");
        Audience v2 = saved("event_list").orElseThrow();
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.size()).isEqualTo(german.size());
        assertThat(members(v2)).isEqualTo(german);

        RunRecord reading = retail.test("""
                id: t_save_read
                name: read the saved list
                activities:
                  - id: listed
                    type: build-audience
                    audience: event_list
                """);
        assertThat(retail.keys(reading, "listed.out")).isEqualTo(german);
    }

    @Test
    void a_test_run_passes_the_population_on_but_saves_nothing() {
        RunRecord run = retail.test(saving("t_save_test", "profile.country == \"IT\"", "never_saved"));

        assertThat(run.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(saved("never_saved")).isEmpty();
        assertThat(retail.keys(run, "save.out")).isEqualTo(retail.keys("select id from profile where country = 'IT'"));
        assertThat(retail.count("select count(*) from information_schema.tables where table_name = 'herald_audience_never_saved'"))
                .isZero();
    }

    @Test
    void a_test_run_leaves_an_existing_audience_as_it_was() {
        retail.run(saving("t_save_keep_live", "profile.country == \"ES\"", "kept_list"));
        Audience before = saved("kept_list").orElseThrow();

        retail.test(saving("t_save_keep_test", "profile.country == \"NL\"", "kept_list"));

        Audience after = saved("kept_list").orElseThrow();
        assertThat(after.version()).isEqualTo(before.version());
        assertThat(members(after)).isEqualTo(retail.keys("select id from profile where country = 'ES'"));
    }

    @Test
    void a_population_with_repeated_keys_is_saved_once_per_record() {
        RunRecord run = retail.run("""
                id: t_save_buyers
                name: buyers of shoes
                dimension: purchase
                activities:
                  - id: shoes
                    type: build-audience
                    expression: purchase.product.category == "shoes"
                  - id: buyers
                    type: change-dimension
                    from: [shoes]
                    link: profile
                  - id: save
                    type: save-audience
                    from: [buyers]
                    name: shoe_buyers
                """);

        TreeSet<Object> buyers = retail.keys("select distinct pu.profile_id from purchase pu join product p on p.id = pu.product_id "
                + "where p.category = 'shoes'");
        Audience a = saved("shoe_buyers").orElseThrow();
        assertThat(a.size()).isEqualTo(buyers.size());
        assertThat(retail.count("select count(*) from " + a.populationTable())).isEqualTo(buyers.size());
        assertThat(members(a)).isEqualTo(buyers);
        assertThat(retail.transition(run, "buyers.out").rows()).isGreaterThan(buyers.size());
    }
}
