package dev.herald.testkit.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.campaign.run.RunRecord;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** combine: union, intersection and exclusion on keys, on values and through a link, each against hand-written SQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CombineContract {

    private static final String FR = "select id from profile where country = 'FR'";
    private static final String GOLD = "select id from profile where loyalty_tier in ('gold', 'platinum')";
    private static final String BOOKED = "select id from profile pr where exists (select 1 from booking b where b.profile_id = pr.id)";

    RetailStore retail;

    @BeforeAll
    void load() throws IOException {
        retail = RetailStore.open(getClass(), 1_500);
    }

    @AfterAll
    void close() {
        retail.close();
    }

    /** Three audiences — French profiles, gold or platinum profiles, profiles with a booking — and a combine of them. */
    private RunRecord combine(String id, String options) {
        return retail.test("""
                id: %s
                name: combine
                activities:
                  - id: fr
                    type: build-audience
                    expression: profile.country == "FR"
                  - id: gold
                    type: build-audience
                    expression: profile.loyalty_tier in ["gold", "platinum"]
                  - id: booked
                    type: build-audience
                    expression: profile.bookings.exists(b, true)
                  - id: combined
                    type: combine
                %s
                """.formatted(id, options.indent(4)));
    }

    private TreeSet<Object> keys(String sql) {
        TreeSet<Object> keys = retail.keys(sql);
        assertThat(keys).isNotEmpty();
        return keys;
    }

    private static TreeSet<Object> union(TreeSet<Object> a, TreeSet<Object> b) {
        TreeSet<Object> u = new TreeSet<>(a);
        u.addAll(b);
        return u;
    }

    private static TreeSet<Object> minus(TreeSet<Object> a, TreeSet<Object> b) {
        TreeSet<Object> m = new TreeSet<>(a);
        m.removeAll(b);
        return m;
    }

    private static TreeSet<Object> common(TreeSet<Object> a, TreeSet<Object> b) {
        TreeSet<Object> c = new TreeSet<>(a);
        c.retainAll(b);
        return c;
    }

    @Test
    void union_holds_each_record_of_any_set_once() {
        RunRecord run = combine("t_union", """
                from: [fr, gold, booked]
                operation: union
                """);
        TreeSet<Object> expected = retail.keys(FR + " union " + GOLD + " union " + BOOKED);
        assertThat(expected).hasSizeLessThan((int) retail.count("select count(*) from profile"));
        assertThat(retail.keys(run, "combined.out")).isEqualTo(expected);
        assertThat(retail.transition(run, "combined.out").rows()).isEqualTo(expected.size());
    }

    @Test
    void intersection_holds_the_records_in_every_set_and_its_complement_the_others_of_any_set_once() {
        RunRecord run = combine("t_intersection", """
                from: [fr, gold, booked]
                operation: intersection
                complement: true
                """);
        TreeSet<Object> all = common(common(keys(FR), keys(GOLD)), keys(BOOKED));
        assertThat(all).isNotEmpty().isEqualTo(retail.keys(FR + " intersect " + GOLD + " intersect " + BOOKED));
        assertThat(retail.keys(run, "combined.out")).isEqualTo(all);
        TreeSet<Object> rest = minus(union(union(keys(FR), keys(GOLD)), keys(BOOKED)), all);
        assertThat(retail.keys(run, "combined.complement")).isEqualTo(rest);
        assertThat(retail.transition(run, "combined.complement").rows()).isEqualTo(rest.size());
    }

    @Test
    void exclusion_takes_the_other_sets_out_of_the_primary_one_and_its_complement_holds_what_it_took_out() {
        RunRecord run = combine("t_exclusion", """
                from: [fr, gold, booked]
                operation: exclusion
                primary: gold
                complement: true
                """);
        TreeSet<Object> expected = keys(GOLD + " except (" + FR + " union " + BOOKED + ")");
        assertThat(retail.keys(run, "combined.out")).isEqualTo(expected);
        TreeSet<Object> takenOut = keys(GOLD + " intersect (" + FR + " union " + BOOKED + ")");
        assertThat(retail.keys(run, "combined.complement")).isEqualTo(takenOut);
        assertThat(retail.transition(run, "combined.out").rows() + retail.transition(run, "combined.complement").rows())
                .isEqualTo(keys(GOLD).size());
    }

    @Test
    void union_keeps_the_primary_sets_columns_and_leaves_them_empty_for_records_only_in_the_others() {
        RunRecord run = retail.test("""
                id: t_union_columns
                name: union columns
                activities:
                  - id: fr
                    type: build-audience
                    expression: profile.country == "FR"
                  - id: gold
                    type: build-audience
                    expression: profile.loyalty_tier == "gold"
                  - id: with_value
                    type: enrich
                    from: [gold]
                    columns:
                      value: profile.lifetime_value
                  - id: combined
                    type: combine
                    from: [fr, with_value]
                    operation: union
                    primary: with_value
                """);
        Map<Object, Object> expected = new TreeMap<>();
        retail.store().dsl().fetch("select id, cast(lifetime_value as double precision) from profile where loyalty_tier = 'gold'")
                .forEach(r -> expected.put(((Number) r.get(0)).longValue(), ((Number) r.get(1)).doubleValue()));
        retail.store().dsl().fetch("select id from profile where country = 'FR' and loyalty_tier <> 'gold'")
                .forEach(r -> expected.put(((Number) r.get(0)).longValue(), null));
        Map<Object, Object> actual = new TreeMap<>();
        for (Map<String, Object> row : retail.rows(run, "combined.out")) {
            Object v = row.get("value");
            actual.put(((Number) row.get("id")).longValue(), v == null ? null : ((Number) v).doubleValue());
        }
        assertThat(actual).containsValue(null).isEqualTo(expected);
        assertThat(retail.transition(run, "combined.out").rows()).isEqualTo(expected.size());
    }

    /** French profiles and profiles elsewhere, matched on their email address rather than their key. */
    private RunRecord reconciled(String id, String operation) {
        return retail.test("""
                id: %s
                name: reconcile
                activities:
                  - id: fr
                    type: build-audience
                    expression: profile.country == "FR"
                  - id: abroad
                    type: build-audience
                    expression: profile.country != "FR"
                  - id: combined
                    type: combine
                    from: [fr, abroad]
                    operation: %s
                    reconcile: [profile.email.lowerAscii()]
                """.formatted(id, operation));
    }

    private static final String SHARED = FR + " and lower(email) in (select lower(email) from profile where country <> 'FR')";

    @Test
    void intersection_on_values_holds_the_primary_records_whose_value_another_set_has() {
        RunRecord run = reconciled("t_reconcile_intersection", "intersection");
        TreeSet<Object> shared = keys(SHARED);
        assertThat(shared).hasSizeLessThan(keys(FR).size());
        assertThat(retail.keys(run, "combined.out")).isEqualTo(shared);
    }

    @Test
    void exclusion_on_values_takes_out_the_primary_records_whose_value_another_set_has() {
        RunRecord run = reconciled("t_reconcile_exclusion", "exclusion");
        assertThat(retail.keys(run, "combined.out")).isEqualTo(minus(keys(FR), keys(SHARED)));
    }

    @Test
    void union_on_values_adds_only_the_records_whose_value_no_earlier_set_has() {
        RunRecord run = reconciled("t_reconcile_union", "union");
        TreeSet<Object> expected = union(keys(FR),
                keys("select id from profile where country <> 'FR' and lower(email) not in (select lower(email) from profile where country = 'FR')"));
        assertThat(expected).hasSizeLessThan((int) retail.count("select count(*) from profile"));
        assertThat(retail.keys(run, "combined.out")).isEqualTo(expected);
        assertThat(retail.transition(run, "combined.out").rows()).isEqualTo(expected.size());
    }

    /** Profiles who gave email consent, and confirmed bookings (a set of another dimension) matched through their profile. */
    private RunRecord throughBookings(String id, String operation) {
        return retail.test("""
                id: %s
                name: through
                activities:
                  - id: consenting
                    type: build-audience
                    expression: profile.email_consent
                  - id: confirmed
                    type: build-audience
                    dimension: booking
                    expression: booking.status == "confirmed"
                  - id: combined
                    type: combine
                    from: [consenting, confirmed]
                    operation: %s
                    complement: true
                    through:
                      confirmed.out: profile
                """.formatted(id, operation));
    }

    private static final String CONSENTING = "select id from profile where email_consent";
    private static final String CONFIRMED_PROFILES = "select profile_id from booking where status = 'confirmed'";

    @Test
    void exclusion_through_a_link_takes_out_the_profiles_of_the_bookings() {
        RunRecord run = throughBookings("t_through_exclusion", "exclusion");
        assertThat(retail.keys(run, "combined.out")).isEqualTo(keys(CONSENTING + " except " + CONFIRMED_PROFILES));
        assertThat(retail.keys(run, "combined.complement")).isEqualTo(keys(CONSENTING + " intersect " + CONFIRMED_PROFILES));
    }

    @Test
    void intersection_through_a_link_keeps_the_profiles_with_a_booking_and_its_complement_holds_profiles_only() {
        RunRecord run = throughBookings("t_through_intersection", "intersection");
        TreeSet<Object> both = keys(CONSENTING + " intersect " + CONFIRMED_PROFILES);
        assertThat(retail.keys(run, "combined.out")).isEqualTo(both);
        assertThat(retail.transition(run, "combined.out").rows()).isEqualTo(both.size());
        // records of either set not in both, as profiles: the consenting ones without a confirmed
        // booking and the profiles of confirmed bookings who did not consent, each once
        TreeSet<Object> rest = keys("(" + CONSENTING + " union " + CONFIRMED_PROFILES + ") except (" + CONSENTING + " intersect "
                + CONFIRMED_PROFILES + ")");
        assertThat(retail.keys(run, "combined.complement")).isEqualTo(rest);
        assertThat(retail.transition(run, "combined.complement").rows()).isEqualTo(rest.size());
    }

    /** French profiles, gold or platinum profiles, and a path that stopped: a split whose only subset is empty. */
    private RunRecord withAStoppedPath(String id, String operation) {
        return retail.test("""
                id: %s
                name: stopped path
                activities:
                  - id: fr
                    type: build-audience
                    expression: profile.country == "FR"
                  - id: gold
                    type: build-audience
                    expression: profile.loyalty_tier in ["gold", "platinum"]
                  - id: everyone
                    type: build-audience
                    expression: "true"
                  - id: nobody
                    type: split
                    from: [everyone]
                    skip_empty: true
                    subsets:
                      - { name: atlantis, filter: profile.country == "XX" }
                  - id: combined
                    type: combine
                    from: [fr, gold, nobody.atlantis]
                    operation: %s
                    complement: true
                """.formatted(id, operation));
    }

    @Test
    void exclusion_of_a_path_that_stopped_takes_out_only_what_the_live_sets_hold() {
        RunRecord run = withAStoppedPath("t_stopped_exclusion", "exclusion");
        assertThat(retail.transition(run, "nobody.atlantis").active()).isFalse();
        assertThat(retail.keys(run, "combined.out")).isEqualTo(keys(FR + " except " + GOLD));
        assertThat(retail.keys(run, "combined.complement")).isEqualTo(keys(FR + " intersect " + GOLD));
    }

    @Test
    void intersection_with_a_path_that_stopped_is_empty_and_its_complement_holds_every_record_of_the_others() {
        RunRecord run = withAStoppedPath("t_stopped_intersection", "intersection");
        assertThat(retail.keys(run, "combined.out")).isEmpty();
        TreeSet<Object> everyRecord = keys(FR + " union " + GOLD);
        assertThat(retail.keys(run, "combined.complement")).isEqualTo(everyRecord);
        assertThat(retail.transition(run, "combined.complement").rows()).isEqualTo(everyRecord.size());
    }
}
