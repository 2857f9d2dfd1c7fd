package dev.herald.testkit.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.campaign.run.RunRecord;
import java.io.IOException;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * dedup: which records of each group of duplicates stay, by every method, each expected population
 * numbered by hand with {@code row_number() over (partition by … order by …)}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DedupContract {

    RetailStore retail;

    @BeforeAll
    void load() throws IOException {
        retail = RetailStore.open(getClass(), 1_500);
    }

    @AfterAll
    void close() {
        retail.close();
    }

    /** A dedup of every profile (or only {@code expression}'s), with the options given. */
    private RunRecord dedup(String id, String expression, String options) {
        return retail.test("""
                id: %s
                name: dedup
                activities:
                  - id: profiles
                    type: build-audience
                    expression: %s
                  - id: dedup
                    type: dedup
                    from: [profiles]
                    complement: true
                %s
                """.formatted(id, expression, options.indent(4)));
    }

    /** The profiles numbered 1 … {@code keep} in their group, by hand; records with an empty value are never numbered out. */
    private TreeSet<Object> kept(String partition, String order, int keep, String emptyWhen) {
        return retail.keys("select id from (select id, row_number() over (partition by " + partition + " order by " + order
                + ") as rn, " + emptyWhen + " as empty from profile) n where empty or rn <= " + keep);
    }

    private TreeSet<Object> everyone() {
        return retail.keys("select id from profile");
    }

    private static TreeSet<Object> minus(TreeSet<Object> a, TreeSet<Object> b) {
        TreeSet<Object> m = new TreeSet<>(a);
        m.removeAll(b);
        return m;
    }

    private void assertKeptAndDuplicates(RunRecord run, TreeSet<Object> expected, TreeSet<Object> input) {
        assertThat(expected).isNotEmpty().hasSizeLessThan(input.size());
        assertThat(retail.keys(run, "dedup.out")).isEqualTo(expected);
        assertThat(retail.keys(run, "dedup.duplicates")).isEqualTo(minus(input, expected));
        assertThat(retail.transition(run, "dedup.out").rows()).isEqualTo(expected.size());
    }

    @Test
    void dedup_by_order_keeps_the_highest_value_of_each_group() {
        RunRecord run = dedup("t_dedup_highest", "\"true\"", """
                fields: [profile.email]
                method: order
                order_by: profile.lifetime_value
                direction: highest
                """);
        TreeSet<Object> expected = kept("email", "lifetime_value desc nulls last, id", 1, "email is null");
        assertThat(expected).isNotEqualTo(kept("email", "id", 1, "email is null"));
        assertKeptAndDuplicates(run, expected, everyone());
    }

    @Test
    void dedup_by_order_keeps_the_lowest_value_of_each_group() {
        RunRecord run = dedup("t_dedup_lowest", "\"true\"", """
                fields: [profile.email]
                method: order
                order_by: profile.lifetime_value
                direction: lowest
                """);
        TreeSet<Object> expected = kept("email", "lifetime_value asc nulls last, id", 1, "email is null");
        assertThat(expected).isNotEqualTo(kept("email", "lifetime_value desc nulls last, id", 1, "email is null"));
        assertKeptAndDuplicates(run, expected, everyone());
    }

    @Test
    void dedup_keeps_two_of_each_group_of_several_values() {
        RunRecord run = dedup("t_dedup_keep_two", "\"true\"", """
                fields: [profile.country, profile.loyalty_tier]
                keep: 2
                method: order
                order_by: profile.signup_at
                direction: highest
                """);
        TreeSet<Object> expected = kept("country, loyalty_tier", "signup_at desc nulls last, id", 2, "false");
        long groups = retail.count("select count(*) from (select distinct country, loyalty_tier from profile) g");
        long single = retail.count("select count(*) from (select country, loyalty_tier from profile group by country, loyalty_tier having count(*) = 1) g");
        assertThat(expected).hasSize((int) (2 * groups - single));
        assertKeptAndDuplicates(run, expected, everyone());
    }

    @Test
    void dedup_keeping_zero_keeps_every_record() {
        RunRecord run = dedup("t_dedup_keep_zero", "\"true\"", """
                fields: [profile.country]
                keep: 0
                method: order
                order_by: profile.lifetime_value
                """);
        assertThat(retail.keys(run, "dedup.out")).isEqualTo(everyone());
        assertThat(retail.keys(run, "dedup.duplicates")).isEmpty();
    }

    @Test
    void dedup_at_random_keeps_one_of_each_group_and_the_same_seed_keeps_the_same_records() {
        String options = """
                fields: [profile.city]
                method: random
                seed: %d
                """;
        RunRecord first = dedup("t_dedup_random", "profile.country != \"US\"", options.formatted(7));
        RunRecord again = dedup("t_dedup_random", "profile.country != \"US\"", options.formatted(7));
        RunRecord other = dedup("t_dedup_random", "profile.country != \"US\"", options.formatted(8));
        TreeSet<Object> kept = retail.keys(first, "dedup.out");
        long cities = retail.count("select count(distinct city) from profile where country <> 'US'");
        assertThat(kept).hasSize((int) cities);
        String in = kept.stream().map(String::valueOf).collect(Collectors.joining(","));
        assertThat(retail.count("select count(distinct city) from profile where id in (" + in + ")")).isEqualTo(cities);
        assertThat(retail.keys(again, "dedup.out")).isEqualTo(kept);
        assertThat(retail.keys(other, "dedup.out")).hasSize((int) cities).isNotEqualTo(kept);
        TreeSet<Object> input = retail.keys("select id from profile where country <> 'US'");
        assertThat(retail.keys(first, "dedup.duplicates")).isEqualTo(minus(input, kept));
        // not simply the first or the last key of each city
        assertThat(kept).isNotEqualTo(retail.keys("select min(id) from profile where country <> 'US' group by city"))
                .isNotEqualTo(retail.keys("select max(id) from profile where country <> 'US' group by city"));
    }

    @Test
    void dedup_by_non_empty_keeps_the_record_with_the_most_values() {
        RunRecord run = dedup("t_dedup_non_empty", "\"true\"", """
                fields: [profile.country, profile.city, profile.loyalty_tier]
                method: non_empty
                non_empty: [profile.phone, profile.birth_date]
                """);
        String filled = "(case when phone is not null then 1 else 0 end) + (case when birth_date is not null then 1 else 0 end)";
        TreeSet<Object> expected = kept("country, city, loyalty_tier", filled + " desc, id", 1, "false");
        assertThat(expected).isNotEqualTo(kept("country, city, loyalty_tier", "id", 1, "false"));
        assertKeptAndDuplicates(run, expected, everyone());
    }

    @Test
    void dedup_by_values_keeps_the_record_whose_value_comes_first_in_the_list() {
        RunRecord run = dedup("t_dedup_values", "\"true\"", """
                fields: [profile.city]
                method: values
                order_by: profile.loyalty_tier
                values: [platinum, gold]
                """);
        String rank = "case loyalty_tier when 'platinum' then 0 when 'gold' then 1 else 2 end";
        TreeSet<Object> expected = kept("city", rank + ", id", 1, "false");
        assertThat(expected).isNotEqualTo(kept("city", "id", 1, "false"));
        assertThat(retail.count("select count(*) from profile where loyalty_tier = 'platinum' and id in ("
                + expected.stream().map(String::valueOf).collect(Collectors.joining(",")) + ")")).isPositive();
        assertKeptAndDuplicates(run, expected, everyone());
    }

    @Test
    void a_record_with_an_empty_duplicate_value_is_never_a_duplicate() {
        RunRecord run = dedup("t_dedup_empty", "\"true\"", """
                fields: [profile.country, profile.birth_date.getFullYear()]
                method: order
                order_by: profile.lifetime_value
                """);
        TreeSet<Object> expected = kept("country, extract(year from birth_date)", "lifetime_value desc nulls last, id", 1,
                "birth_date is null");
        TreeSet<Object> noBirthDate = retail.keys("select id from profile where birth_date is null");
        assertThat(noBirthDate).hasSizeGreaterThan(1);
        assertThat(retail.count("select count(*) from (select country from profile where birth_date is null group by country "
                + "having count(*) > 1) g")).isPositive();
        assertThat(expected).containsAll(noBirthDate);
        assertKeptAndDuplicates(run, expected, everyone());
    }

    @Test
    void dedup_orders_by_a_worktable_column_and_keeps_the_columns() {
        RunRecord run = retail.test("""
                id: t_dedup_column
                name: dedup on a column
                activities:
                  - id: profiles
                    type: build-audience
                    expression: profile.purchases.exists(p, true)
                  - id: spend
                    type: enrich
                    from: [profiles]
                    columns:
                      online: profile.purchases.filter(p, p.channel == "online").map(p, p.amount).sum()
                  - id: dedup
                    type: dedup
                    from: [spend]
                    fields: [profile.city]
                    method: order
                    order_by: target.online
                    direction: highest
                """);
        String online = "(select coalesce(sum(amount), 0) from purchase p where p.profile_id = pr.id and p.channel = 'online')";
        TreeSet<Object> expected = retail.keys("select id from (select id, row_number() over (partition by city order by " + online
                + " desc, id) as rn from profile pr where exists (select 1 from purchase p where p.profile_id = pr.id)) n where rn = 1");
        assertThat(expected).isNotEqualTo(retail.keys("select id from (select id, row_number() over (partition by city order by "
                + "lifetime_value desc, id) as rn from profile) n where rn = 1"));
        assertThat(retail.keys(run, "dedup.out")).isEqualTo(expected);
        for (var row : retail.rows(run, "dedup.out")) {
            assertThat(((Number) row.get("online")).doubleValue()).isEqualTo(retail.store().dsl().fetchValue(
                    "select cast(coalesce(sum(amount), 0) as double precision) from purchase where channel = 'online' and profile_id = ?",
                    row.get("id")));
        }
    }

    @Test
    void dedup_on_a_carried_column_keeps_the_next_booking_of_each_profile() {
        RunRecord run = retail.test("""
                id: t_dedup_bookings
                name: next booking per profile
                activities:
                  - id: profiles
                    type: build-audience
                    expression: profile.bookings.exists(b, b.status == "confirmed")
                  - id: bookings
                    type: change-dimension
                    from: [profiles]
                    link: bookings
                  - id: confirmed
                    type: split
                    from: [bookings]
                    subsets:
                      - { name: kept, filter: booking.status == "confirmed" }
                  - id: dedup
                    type: dedup
                    from: [confirmed.kept]
                    fields: [target.profile_id]
                    method: order
                    order_by: booking.starts_at
                    direction: lowest
                    complement: true
                """);
        TreeSet<Object> confirmed = retail.keys("select id from booking where status = 'confirmed'");
        TreeSet<Object> expected = retail.keys("""
                select id from (select id, row_number() over (partition by profile_id order by starts_at, id) as rn
                  from booking where status = 'confirmed') n where rn = 1""");
        assertKeptAndDuplicates(run, expected, confirmed);
    }
}
