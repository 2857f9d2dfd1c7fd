package dev.herald.testkit.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.campaign.run.RunRecord;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** enrich: every added column compared value by value with hand-written SQL on the same store. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EnrichContract {

    RetailStore retail;

    @BeforeAll
    void load() throws IOException {
        retail = RetailStore.open(getClass(), 1_500);
    }

    @AfterAll
    void close() {
        retail.close();
    }

    private static OffsetDateTime daysAgo(int days) {
        return RetailStore.now().minusDays(days);
    }

    @Test
    void columns_read_fields_through_many_to_one_links_even_when_the_link_is_empty() {
        RunRecord run = retail.test("""
                id: t_enrich_links
                name: enrich through links
                activities:
                  - id: recent
                    type: build-audience
                    dimension: purchase
                    expression: purchase.at > daysAgo(60)
                  - id: details
                    type: enrich
                    from: [recent]
                    columns:
                      tier: purchase.profile.loyalty_tier
                      category: purchase.product.category
                      store_city: purchase.store.city
                      email: purchase.profile.email.lowerAscii()
                      paid: purchase.amount * 2.0
                """);
        List<List<Object>> expected = retail.valuesOf("""
                select p.id, pr.loyalty_tier, pd.category, s.city, lower(pr.email), p.amount * 2
                from purchase p join profile pr on pr.id = p.profile_id join product pd on pd.id = p.product_id
                left join store s on s.id = p.store_id
                where p.at > ?""", daysAgo(60));
        assertThat(expected).hasSizeGreaterThan(100).anyMatch(row -> row.get(3) == null).anyMatch(row -> row.get(3) != null);
        assertThat(retail.valuesOf(run, "details.out", "id", "tier", "category", "store_city", "email", "paid")).isEqualTo(expected);
    }

    @Test
    void columns_aggregate_the_rows_of_a_link_filtered_or_not() {
        RunRecord run = retail.test("""
                id: t_enrich_aggregates
                name: enrich aggregates
                activities:
                  - id: fr
                    type: build-audience
                    expression: profile.country == "FR"
                  - id: figures
                    type: enrich
                    from: [fr]
                    columns:
                      spend_year: profile.purchases.filter(p, p.at > daysAgo(365)).map(p, p.amount).sum()
                      store_visits: size(profile.purchases.filter(p, p.channel == "store"))
                      bookings: size(profile.bookings)
                      last_purchase: profile.purchases.map(p, p.at).max()
                      biggest_online: profile.purchases.filter(p, p.channel == "online").map(p, p.amount).max()
                """);
        List<List<Object>> expected = retail.valuesOf("""
                select pr.id,
                  (select coalesce(sum(amount), 0) from purchase p where p.profile_id = pr.id and p.at > ?),
                  (select count(*) from purchase p where p.profile_id = pr.id and p.channel = 'store'),
                  (select count(*) from booking b where b.profile_id = pr.id),
                  (select max(p.at) from purchase p where p.profile_id = pr.id),
                  (select max(amount) from purchase p where p.profile_id = pr.id and p.channel = 'online')
                from profile pr where pr.country = 'FR'""", daysAgo(365));
        assertThat(expected).hasSizeGreaterThan(100)
                .anyMatch(row -> row.get(4) == null).anyMatch(row -> ((Long) row.get(2)) > 1L).anyMatch(row -> ((Long) row.get(3)) > 0L);
        assertThat(retail.valuesOf(run, "figures.out", "id", "spend_year", "store_visits", "bookings", "last_purchase", "biggest_online"))
                .isEqualTo(expected);
        if (retail.store().isDuckDb()) { // a 64-bit decimal, not DuckDB's 128-bit sum: ten times faster to store and read
            assertThat(retail.valuesOf("select data_type from information_schema.columns where table_name = ? and column_name = ?",
                    retail.transition(run, "figures.out").worktable(), "spend_year")).containsExactly(List.of("DECIMAL(18,2)"));
        }
    }

    @Test
    void a_collection_of_one_row_holds_the_most_recent_and_the_oldest_linked_record() {
        RunRecord run = retail.test("""
                id: t_enrich_collection_one
                name: enrich last purchase
                activities:
                  - id: buyers
                    type: build-audience
                    expression: profile.country in ["FR", "DE"]
                  - id: purchases
                    type: enrich
                    from: [buyers]
                    collections:
                      last:
                        link: purchases
                        order_by: purchase.at
                        columns: { id: purchase.id, amount: purchase.amount, at: purchase.at, category: purchase.product.category }
                      first:
                        link: purchases
                        order_by: purchase.at
                        direction: lowest
                        columns: { id: purchase.id, online: purchase.channel == "online" }
                """);
        String numbered = """
                (select p.*, row_number() over (partition by p.profile_id order by p.at desc, p.id desc) as newest,
                   row_number() over (partition by p.profile_id order by p.at, p.id) as oldest from purchase p)""";
        List<List<Object>> expected = retail.valuesOf("""
                select pr.id, l.id, l.amount, l.at, pd.category, f.id, f.channel = 'online'
                from profile pr left join %1$s l on l.profile_id = pr.id and l.newest = 1
                left join product pd on pd.id = l.product_id
                left join %1$s f on f.profile_id = pr.id and f.oldest = 1
                where pr.country in ('FR', 'DE')""".formatted(numbered));
        assertThat(expected).anyMatch(row -> row.get(1) == null).anyMatch(row -> row.get(1) != null && !row.get(1).equals(row.get(5)));
        assertThat(retail.valuesOf(run, "purchases.out", "id", "last_id", "last_amount", "last_at", "last_category", "first_id", "first_online"))
                .isEqualTo(expected);
    }

    @Test
    void a_collection_of_two_rows_holds_the_first_two_linked_records_that_meet_its_filter() {
        RunRecord run = retail.test("""
                id: t_enrich_collection_two
                name: enrich two store purchases
                activities:
                  - id: buyers
                    type: build-audience
                    expression: profile.country in ["FR", "GB"]
                  - id: purchases
                    type: enrich
                    from: [buyers]
                    collections:
                      big:
                        link: purchases
                        filter: purchase.channel == "store"
                        order_by: purchase.amount
                        rows: 2
                        columns: { id: purchase.id, city: purchase.store.city }
                      small:
                        link: purchases
                        filter: purchase.channel == "store"
                        order_by: purchase.amount
                        direction: lowest
                        rows: 2
                        columns: { id: purchase.id, amount: purchase.amount }
                """);
        String numbered = """
                (select p.*, row_number() over (partition by p.profile_id order by p.amount desc, p.id desc) as big,
                   row_number() over (partition by p.profile_id order by p.amount, p.id) as small
                 from purchase p where p.channel = 'store')""";
        List<List<Object>> expected = retail.valuesOf("""
                select pr.id, b1.id, s1.city, b2.id, s2.city, m1.id, m1.amount, m2.id, m2.amount
                from profile pr
                left join %1$s b1 on b1.profile_id = pr.id and b1.big = 1 left join store s1 on s1.id = b1.store_id
                left join %1$s b2 on b2.profile_id = pr.id and b2.big = 2 left join store s2 on s2.id = b2.store_id
                left join %1$s m1 on m1.profile_id = pr.id and m1.small = 1
                left join %1$s m2 on m2.profile_id = pr.id and m2.small = 2
                where pr.country in ('FR', 'GB')""".formatted(numbered));
        assertThat(expected).anyMatch(row -> row.get(3) == null && row.get(1) != null).anyMatch(row -> row.get(3) != null)
                .anyMatch(row -> row.get(1) == null);
        assertThat(retail.valuesOf(run, "purchases.out", "id", "big_1_id", "big_1_city", "big_2_id", "big_2_city",
                "small_1_id", "small_1_amount", "small_2_id", "small_2_amount")).isEqualTo(expected);
    }

    @Test
    void a_collection_breaks_ties_by_the_key_the_same_way_on_every_store() {
        RunRecord run = retail.test("""
                id: t_enrich_collection_ties
                name: enrich ties
                activities:
                  - id: buyers
                    type: build-audience
                    expression: size(profile.purchases) > 3
                  - id: purchases
                    type: enrich
                    from: [buyers]
                    collections:
                      most:
                        link: purchases
                        order_by: purchase.quantity
                        columns: { id: purchase.id }
                      fewest:
                        link: purchases
                        order_by: purchase.quantity
                        direction: lowest
                        columns: { id: purchase.id }
                """);
        List<List<Object>> expected = retail.valuesOf("""
                select pr.id,
                  (select max(p.id) from purchase p where p.profile_id = pr.id
                     and p.quantity = (select max(quantity) from purchase q where q.profile_id = pr.id)),
                  (select min(p.id) from purchase p where p.profile_id = pr.id
                     and p.quantity = (select min(quantity) from purchase q where q.profile_id = pr.id))
                from profile pr where (select count(*) from purchase p where p.profile_id = pr.id) > 3""");
        assertThat(retail.count("""
                select count(*) from profile pr where (select count(*) from purchase p where p.profile_id = pr.id
                  and p.quantity = (select min(quantity) from purchase q where q.profile_id = pr.id)) > 2""")).isGreaterThan(10);
        assertThat(retail.valuesOf(run, "purchases.out", "id", "most_id", "fewest_id")).isEqualTo(expected);
    }

    @Test
    void a_join_on_the_key_adds_the_columns_of_the_other_set_and_leaves_them_empty_elsewhere() {
        RunRecord run = retail.test("""
                id: t_enrich_join_key
                name: enrich join on the key
                activities:
                  - id: fr
                    type: build-audience
                    expression: profile.country == "FR"
                  - id: gold
                    type: build-audience
                    expression: profile.loyalty_tier in ["gold", "platinum"]
                  - id: gold_figures
                    type: enrich
                    from: [gold]
                    columns:
                      value: profile.lifetime_value
                      city_upper: profile.city.upperAscii()
                  - id: joined
                    type: enrich
                    from: [fr, gold_figures]
                    join:
                      from: gold_figures
                """);
        List<List<Object>> expected = retail.valuesOf("""
                select id, case when loyalty_tier in ('gold', 'platinum') then lifetime_value end,
                  case when loyalty_tier in ('gold', 'platinum') then upper(city) end
                from profile where country = 'FR'""");
        assertThat(expected).anyMatch(row -> row.get(1) == null).anyMatch(row -> row.get(1) != null);
        assertThat(retail.valuesOf(run, "joined.out", "id", "value", "city_upper")).isEqualTo(expected);
        assertThat(retail.transition(run, "joined.out").rows()).isEqualTo(expected.size());
    }

    @Test
    void a_join_on_a_value_takes_the_first_matching_row_of_the_other_set_by_its_key() {
        RunRecord run = retail.test("""
                id: t_enrich_join_value
                name: enrich join on the email
                activities:
                  - id: fr
                    type: build-audience
                    expression: profile.country == "FR"
                  - id: recent
                    type: build-audience
                    dimension: purchase
                    expression: purchase.at > daysAgo(120)
                  - id: recent_figures
                    type: enrich
                    from: [recent]
                    columns:
                      buyer_email: purchase.profile.email
                      amount: purchase.amount
                      purchase_id: purchase.id
                  - id: joined
                    type: enrich
                    from: [fr, recent_figures]
                    join:
                      from: recent_figures
                      on: [{ primary: profile.email, joined: target.buyer_email }]
                      columns: [purchase_id, amount]
                """);
        String first = """
                (select min(p.id) from purchase p join profile b on b.id = p.profile_id where p.at > ? and b.email = pr.email)""";
        List<List<Object>> expected = retail.valuesOf("""
                select pr.id, p.id, p.amount from profile pr left join purchase p on p.id = %s
                where pr.country = 'FR'""".formatted(first), daysAgo(120));
        assertThat(expected).anyMatch(row -> row.get(1) == null).anyMatch(row -> row.get(1) != null);
        assertThat(retail.count("""
                select count(*) from profile pr join purchase p on p.id = %s where pr.country = 'FR' and p.profile_id <> pr.id"""
                .formatted(first), daysAgo(120))).as("profiles matched through another profile's email").isPositive();
        assertThat(retail.valuesOf(run, "joined.out", "id", "purchase_id", "amount")).isEqualTo(expected);
    }

    @Test
    void a_join_on_pairs_of_values_matches_them_all() {
        RunRecord run = retail.test("""
                id: t_enrich_join_pairs
                name: enrich join on country and tier
                activities:
                  - id: some
                    type: build-audience
                    expression: profile.country in ["DE", "FR", "PT", "SE", "JP"]
                  - id: in_store
                    type: build-audience
                    dimension: purchase
                    expression: purchase.channel == "store" && purchase.at > daysAgo(60)
                  - id: in_store_figures
                    type: enrich
                    from: [in_store]
                    columns:
                      purchase_id: purchase.id
                      store_country: purchase.store.country
                      buyer_tier: purchase.profile.loyalty_tier
                  - id: joined
                    type: enrich
                    from: [some, in_store_figures]
                    join:
                      from: in_store_figures
                      on:
                        - { primary: profile.country, joined: target.store_country }
                        - { primary: profile.loyalty_tier, joined: target.buyer_tier }
                      columns: [purchase_id]
                """);
        String match = """
                select pr.id, (select min(p.id) from purchase p join store s on s.id = p.store_id join profile b on b.id = p.profile_id
                   where p.channel = 'store' and p.at > ? and s.country = pr.country %s)
                from profile pr where pr.country in ('DE', 'FR', 'PT', 'SE', 'JP')""";
        List<List<Object>> expected = retail.valuesOf(match.formatted("and b.loyalty_tier = pr.loyalty_tier"), daysAgo(60));
        assertThat(expected).anyMatch(row -> row.get(1) == null).anyMatch(row -> row.get(1) != null)
                .isNotEqualTo(retail.valuesOf(match.formatted(""), daysAgo(60)));
        assertThat(retail.valuesOf(run, "joined.out", "id", "purchase_id")).isEqualTo(expected);
    }

    @Test
    void a_collection_puts_the_linked_records_without_an_order_value_last_but_keeps_them() {
        RunRecord run = retail.test("""
                id: t_enrich_collection_nulls
                name: enrich by the store's opening
                activities:
                  - id: buyers
                    type: build-audience
                    expression: profile.purchases.exists(p, true)
                  - id: purchases
                    type: enrich
                    from: [buyers]
                    collections:
                      newest_store:
                        link: purchases
                        order_by: purchase.store.opened_on
                        columns: { id: purchase.id }
                      oldest_store:
                        link: purchases
                        order_by: purchase.store.opened_on
                        direction: lowest
                        columns: { id: purchase.id }
                """);
        String numbered = """
                (select p.id, p.profile_id,
                   row_number() over (partition by p.profile_id order by s.opened_on desc nulls last, p.id desc) as newest,
                   row_number() over (partition by p.profile_id order by s.opened_on asc nulls last, p.id) as oldest
                 from purchase p left join store s on s.id = p.store_id)""";
        List<List<Object>> expected = retail.valuesOf("""
                select pr.id, n.id, o.id from profile pr join %1$s n on n.profile_id = pr.id and n.newest = 1
                join %1$s o on o.profile_id = pr.id and o.oldest = 1""".formatted(numbered));
        assertThat(retail.count("""
                select count(*) from profile pr where exists (select 1 from purchase p where p.profile_id = pr.id)
                and not exists (select 1 from purchase p where p.profile_id = pr.id and p.store_id is not null)""")).isPositive();
        assertThat(retail.valuesOf(run, "purchases.out", "id", "newest_store_id", "oldest_store_id")).isEqualTo(expected);
    }

    @Test
    void a_join_with_a_set_whose_path_stopped_keeps_every_record_with_its_columns_empty() {
        RunRecord run = retail.test("""
                id: t_enrich_join_stopped
                name: enrich join with nothing
                activities:
                  - id: fr
                    type: build-audience
                    expression: profile.country == "FR"
                  - id: everyone
                    type: build-audience
                    expression: "true"
                  - id: figures
                    type: enrich
                    from: [everyone]
                    columns:
                      value: profile.lifetime_value
                  - id: nobody
                    type: split
                    from: [figures]
                    skip_empty: true
                    subsets:
                      - { name: atlantis, filter: profile.country == "XX" }
                  - id: joined
                    type: enrich
                    from: [nobody.atlantis, fr]
                    join:
                      from: nobody.atlantis
                """);
        assertThat(retail.transition(run, "nobody.atlantis").active()).isFalse();
        List<List<Object>> expected = retail.valuesOf("select id, cast(null as integer) from profile where country = 'FR'");
        assertThat(retail.valuesOf(run, "joined.out", "id", "value")).isNotEmpty().isEqualTo(expected);
    }
}
