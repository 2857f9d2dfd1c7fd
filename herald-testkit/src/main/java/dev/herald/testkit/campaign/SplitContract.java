package dev.herald.testkit.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.campaign.run.RunRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** split: limits by an order, overlap, empty subsets and segment codes, against hand-written SQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SplitContract {

    private static final String FR = "select id from profile where country = 'FR'";
    private static final String GOLD = "select id from profile where loyalty_tier = 'gold'";

    RetailStore retail;

    @BeforeAll
    void load() throws IOException {
        retail = RetailStore.open(getClass(), 1_500);
    }

    @AfterAll
    void close() {
        retail.close();
    }

    /** A split of every profile, with the options given. */
    private RunRecord split(String id, String options) {
        return retail.test("""
                id: %s
                name: split
                activities:
                  - id: everyone
                    type: build-audience
                    expression: "true"
                  - id: parts
                    type: split
                    from: [everyone]
                %s
                """.formatted(id, options.indent(4)));
    }

    /** The first {@code limit} keys of a hand-written query, in its order. */
    private TreeSet<Object> first(String sql, int limit, Object... parameters) {
        List<Object> ordered = new ArrayList<>();
        retail.store().dsl().fetch(sql, parameters).forEach(r -> ordered.add(RetailStore.value(r.get(0))));
        assertThat(ordered).hasSizeGreaterThan(limit);
        return new TreeSet<>(ordered.subList(0, limit));
    }

    private static TreeSet<Object> minus(TreeSet<Object> a, TreeSet<Object> b) {
        TreeSet<Object> m = new TreeSet<>(a);
        m.removeAll(b);
        return m;
    }

    private static TreeSet<Object> union(TreeSet<Object> a, TreeSet<Object> b) {
        TreeSet<Object> u = new TreeSet<>(a);
        u.addAll(b);
        return u;
    }

    private static String in(TreeSet<Object> keys) {
        return keys.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    @Test
    void a_count_limit_takes_the_highest_then_the_next_subset_the_lowest_of_what_is_left() {
        RunRecord run = split("t_split_counts", """
                complement: true
                subsets:
                  - { name: top, filter: profile.country == "FR", limit: 50, order_by: profile.lifetime_value, direction: highest }
                  - { name: bottom, filter: 'profile.country in ["FR", "DE"]', limit: 60, order_by: profile.lifetime_value, direction: lowest }
                """);
        TreeSet<Object> top = first("select id from profile where country = 'FR' order by lifetime_value desc, id", 50);
        TreeSet<Object> bottom = first("select id from profile where country in ('FR', 'DE') and id not in (" + in(top)
                + ") order by lifetime_value asc, id", 60);
        assertThat(retail.keys(run, "parts.top")).isEqualTo(top);
        assertThat(retail.keys(run, "parts.bottom")).isEqualTo(bottom);
        assertThat(retail.keys(run, "parts.complement")).isEqualTo(minus(retail.keys("select id from profile"), union(top, bottom)));
        // the lowest of the French and German profiles, not the lowest of everyone
        assertThat(bottom).isNotEqualTo(first("select id from profile order by lifetime_value asc, id", 60));
    }

    @Test
    void a_limit_by_an_order_takes_the_records_without_a_value_last() {
        long dated = retail.count("select count(*) from profile where country = 'DE' and birth_date is not null");
        int limit = (int) dated + 3;
        RunRecord run = split("t_split_nulls_last", """
                subsets:
                  - { name: youngest, filter: profile.country == "DE", limit: %d, order_by: profile.birth_date, direction: highest }
                  - { name: oldest, filter: profile.country == "FR", limit: 20, order_by: profile.birth_date, direction: lowest }
                """.formatted(limit));
        TreeSet<Object> youngest = retail.keys(run, "parts.youngest");
        assertThat(youngest).hasSize(limit).isEqualTo(first(
                "select id from profile where country = 'DE' order by case when birth_date is null then 1 else 0 end, birth_date desc, id",
                limit));
        assertThat(retail.count("select count(*) from profile where birth_date is null and id in (" + in(youngest) + ")")).isEqualTo(3);
        assertThat(retail.keys(run, "parts.oldest")).isEqualTo(first(
                "select id from profile where country = 'FR' and birth_date is not null order by birth_date, id", 20));
    }

    @Test
    void a_percentage_limit_orders_by_a_worktable_column_among_the_subsets_candidates() {
        RunRecord run = retail.test("""
                id: t_split_percent
                name: split by a column
                activities:
                  - id: buyers
                    type: build-audience
                    expression: profile.purchases.exists(p, true)
                  - id: spend
                    type: enrich
                    from: [buyers]
                    columns:
                      online: profile.purchases.filter(p, p.channel == "online").map(p, p.amount).sum()
                  - id: parts
                    type: split
                    from: [spend]
                    subsets:
                      - { name: best_online, filter: profile.country == "GB", limit: "25%", order_by: target.online }
                """);
        String online = "(select coalesce(sum(amount), 0) from purchase p where p.profile_id = pr.id and p.channel = 'online')";
        String candidates = " from profile pr where pr.country = 'GB' and exists (select 1 from purchase p where p.profile_id = pr.id)";
        long count = retail.count("select count(*)" + candidates);
        TreeSet<Object> expected = first("select id" + candidates + " order by " + online + " desc, id", (int) (count / 4));
        assertThat(retail.keys(run, "parts.best_online")).isEqualTo(expected);
    }

    @Test
    void with_overlap_every_subset_takes_from_the_whole_population() {
        String subsets = """
                complement: true
                overlap: %s
                subsets:
                  - { name: fr, filter: profile.country == "FR" }
                  - { name: gold, filter: profile.loyalty_tier == "gold" }
                  - { name: top, limit: 100, order_by: profile.lifetime_value }
                """;
        RunRecord overlapping = split("t_split_overlap", subsets.formatted("true"));
        RunRecord apart = split("t_split_apart", subsets.formatted("false"));
        TreeSet<Object> fr = retail.keys(FR);
        TreeSet<Object> gold = retail.keys(GOLD);
        TreeSet<Object> top = first("select id from profile order by lifetime_value desc, id", 100);
        assertThat(retail.keys(overlapping, "parts.fr")).isEqualTo(fr);
        assertThat(retail.keys(overlapping, "parts.gold")).isEqualTo(gold);
        assertThat(retail.keys(overlapping, "parts.top")).isEqualTo(top);
        TreeSet<Object> none = minus(retail.keys("select id from profile"), union(union(fr, gold), top));
        assertThat(retail.keys(overlapping, "parts.complement")).isNotEmpty().isEqualTo(none);

        assertThat(retail.keys(apart, "parts.fr")).isEqualTo(fr);
        assertThat(retail.keys(apart, "parts.gold")).isEqualTo(minus(gold, fr)).isNotEqualTo(gold);
        TreeSet<Object> topOfTheRest = first("select id from profile where country <> 'FR' and loyalty_tier <> 'gold' "
                + "order by lifetime_value desc, id", 100);
        assertThat(retail.keys(apart, "parts.top")).isEqualTo(topOfTheRest).isNotEqualTo(top);
        assertThat(retail.keys(apart, "parts.complement")).isEqualTo(minus(none, topOfTheRest));
    }

    @Test
    void skip_empty_stops_the_path_of_an_empty_subset_only() {
        String subsets = """
                complement: true
                skip_empty: %s
                subsets:
                  - { name: nowhere, filter: profile.country == "XX" }
                  - { name: fr, filter: profile.country == "FR" }
                  - { name: rest, filter: "true" }
                """;
        RunRecord skipping = split("t_split_skip", subsets.formatted("true"));
        assertThat(retail.transition(skipping, "parts.nowhere").active()).isFalse();
        assertThat(retail.transition(skipping, "parts.complement").active()).isFalse();
        assertThat(retail.transition(skipping, "parts.fr").active()).isTrue();
        assertThat(retail.keys(skipping, "parts.fr")).isEqualTo(retail.keys(FR));
        assertThat(retail.keys(skipping, "parts.rest")).isEqualTo(retail.keys("select id from profile where country <> 'FR'"));

        RunRecord keeping = split("t_split_keep_empty", subsets.formatted("false"));
        assertThat(retail.transition(keeping, "parts.nowhere").active()).isTrue();
        assertThat(retail.transition(keeping, "parts.nowhere").rows()).isZero();
        assertThat(retail.transition(keeping, "parts.complement").active()).isTrue();
    }

    @Test
    void an_activity_after_an_empty_subset_skipped_does_not_run() {
        RunRecord run = retail.test("""
                id: t_split_skip_downstream
                name: skip downstream
                activities:
                  - id: everyone
                    type: build-audience
                    expression: "true"
                  - id: parts
                    type: split
                    from: [everyone]
                    skip_empty: true
                    subsets:
                      - { name: nowhere, filter: profile.country == "XX" }
                      - { name: fr, filter: profile.country == "FR" }
                  - id: nowhere_deduped
                    type: dedup
                    from: [parts.nowhere]
                    fields: [profile.email]
                  - id: fr_deduped
                    type: dedup
                    from: [parts.fr]
                    fields: [profile.email]
                """);
        assertThat(retail.transition(run, "fr_deduped.out").active()).isTrue();
        assertThat(retail.transition(run, "nowhere_deduped.out").active()).isFalse();
        assertThat(retail.runStore().log(run.id()).toString()).contains("every inbound path stopped");
    }

    @Test
    void a_segment_code_names_the_first_subset_of_each_record_in_one_transition() {
        RunRecord run = split("t_split_segment", """
                segment_code: true
                complement: true
                subsets:
                  - { name: fr, filter: profile.country == "FR" }
                  - { name: gold, filter: profile.loyalty_tier == "gold" }
                  - { name: top, limit: 30, order_by: profile.lifetime_value }
                """);
        TreeSet<Object> top = first("select id from profile where country <> 'FR' and loyalty_tier <> 'gold' "
                + "order by lifetime_value desc, id", 30);
        List<List<Object>> expected = retail.valuesOf("""
                select id, case when country = 'FR' then 'fr' when loyalty_tier = 'gold' then 'gold' else 'top' end from profile
                where country = 'FR' or loyalty_tier = 'gold' or id in (%s)""".formatted(in(top)));
        assertThat(retail.valuesOf(run, "parts.out", "id", "segment")).isEqualTo(expected);
        assertThat(retail.keys(run, "parts.complement")).isEqualTo(minus(retail.keys("select id from profile"),
                retail.keys("select id from profile where country = 'FR' or loyalty_tier = 'gold' or id in (" + in(top) + ")")));
    }

    @Test
    void a_segment_code_with_overlap_gives_a_row_per_subset_a_record_belongs_to() {
        RunRecord run = split("t_split_segment_overlap", """
                segment_code: true
                overlap: true
                subsets:
                  - { name: fr, filter: profile.country == "FR" }
                  - { name: gold, filter: profile.loyalty_tier == "gold" }
                """);
        List<List<Object>> expected = retail.valuesOf("""
                select id, 'fr' from profile where country = 'FR' union all select id, 'gold' from profile where loyalty_tier = 'gold'""");
        assertThat(retail.count("select count(*) from profile where country = 'FR' and loyalty_tier = 'gold'")).isPositive();
        assertThat(retail.valuesOf(run, "parts.out", "id", "segment")).isEqualTo(expected);
        assertThat(retail.transition(run, "parts.out").rows()).isEqualTo(expected.size());
    }

    @Test
    void skip_empty_stops_the_segmented_transition_when_no_subset_takes_anything() {
        RunRecord run = split("t_split_segment_empty", """
                segment_code: true
                skip_empty: true
                complement: true
                subsets:
                  - { name: nowhere, filter: profile.country == "XX" }
                  - { name: nobody, filter: profile.lifetime_value < 0.0 }
                """);
        assertThat(retail.transition(run, "parts.out").active()).isFalse();
        assertThat(retail.keys(run, "parts.complement")).isEqualTo(retail.keys("select id from profile"));
    }
}
