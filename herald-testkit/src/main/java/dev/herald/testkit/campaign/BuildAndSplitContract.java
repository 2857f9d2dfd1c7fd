package dev.herald.testkit.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.campaign.run.RunRecord;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** build-audience and split, each population checked against hand-written SQL on the same store. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BuildAndSplitContract {

    RetailStore retail;

    @BeforeAll
    void load() throws IOException {
        retail = RetailStore.open(getClass(), 1_500);
    }

    @AfterAll
    void close() {
        retail.close();
    }

    @Test
    void build_audience_selects_the_records_the_expression_describes() {
        RunRecord run = retail.test("""
                id: t_build
                name: build
                activities:
                  - id: fr_gold
                    type: build-audience
                    expression: profile.country == "FR" && profile.purchases.exists(p, p.amount > 200.0)
                """);
        assertThat(retail.keys(run, "fr_gold.out")).isNotEmpty().isEqualTo(retail.keys(
                "select id from profile pr where country = 'FR' and exists (select 1 from purchase p where p.profile_id = pr.id and p.amount > 200)"));
    }

    @Test
    void split_takes_a_seeded_random_share_first_then_filters_the_rest_in_order() {
        String yaml = """
                id: t_split
                name: split
                activities:
                  - id: all
                    type: build-audience
                    expression: has(profile.email)
                  - id: tiers
                    type: split
                    from: [all]
                    complement: true
                    subsets:
                      - { name: control, limit: "10%", seed: 3 }
                      - { name: big, filter: profile.lifetime_value > 1000.0 }
                      - { name: small, filter: profile.lifetime_value <= 1000.0 }
                """;
        RunRecord first = retail.test(yaml);
        RunRecord again = retail.test(yaml);
        long everyone = retail.count("select count(*) from profile where email is not null");
        var control = retail.keys(first, "tiers.control");
        assertThat(control).hasSize((int) (everyone / 10)).isEqualTo(retail.keys(again, "tiers.control"));
        var big = retail.keys("select id from profile where email is not null and lifetime_value > 1000");
        big.removeAll(control);
        assertThat(retail.keys(first, "tiers.big")).isEqualTo(big);
        var none = retail.keys("select id from profile where email is not null and lifetime_value is null");
        none.removeAll(control);
        assertThat(retail.keys(first, "tiers.complement")).isEqualTo(none);
    }
}
