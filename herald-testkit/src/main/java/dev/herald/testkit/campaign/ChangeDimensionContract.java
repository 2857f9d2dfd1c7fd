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

/** change-dimension: the records a link reaches, the former key and the columns carried, against hand-written joins. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ChangeDimensionContract {

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
    void one_to_many_gives_every_booking_of_the_profiles_with_the_profile_key_and_columns_carried() {
        RunRecord run = retail.test("""
                id: t_change_bookings
                name: to the bookings
                activities:
                  - id: consenting
                    type: build-audience
                    expression: profile.country in ["FR", "DE", "GB"] && profile.email_consent
                  - id: tiers
                    type: enrich
                    from: [consenting]
                    columns:
                      tier: profile.loyalty_tier
                  - id: bookings
                    type: change-dimension
                    from: [tiers]
                    link: bookings
                  - id: upcoming
                    type: split
                    from: [bookings]
                    subsets:
                      - { name: confirmed, filter: booking.status == "confirmed" && target.tier != "bronze" }
                """);
        List<List<Object>> expected = retail.valuesOf("""
                select b.id, pr.id, pr.loyalty_tier from booking b join profile pr on pr.id = b.profile_id
                where pr.country in ('FR', 'DE', 'GB') and pr.email_consent""");
        assertThat(expected).hasSizeGreaterThan((int) retail.count(
                "select count(distinct profile_id) from booking b join profile pr on pr.id = b.profile_id "
                        + "where pr.country in ('FR', 'DE', 'GB') and pr.email_consent"));
        assertThat(retail.valuesOf(run, "bookings.out", "id", "profile_id", "tier")).isEqualTo(expected);
        assertThat(retail.keys(run, "upcoming.confirmed")).isNotEmpty().isEqualTo(retail.keys("""
                select b.id from booking b join profile pr on pr.id = b.profile_id
                where pr.country in ('FR', 'DE', 'GB') and pr.email_consent and b.status = 'confirmed' and pr.loyalty_tier <> 'bronze'"""));
    }

    /** Recent purchases, with their amount as a column, moved to their profiles with the options given. */
    private RunRecord toProfiles(String id, String options) {
        return retail.test("""
                id: %s
                name: to the profiles
                activities:
                  - id: recent
                    type: build-audience
                    dimension: purchase
                    expression: purchase.at > daysAgo(180)
                  - id: amounts
                    type: enrich
                    from: [recent]
                    columns:
                      amount: purchase.amount
                  - id: buyers
                    type: change-dimension
                    from: [amounts]
                    link: profile
                %s
                """.formatted(id, options.indent(4)));
    }

    @Test
    void many_to_one_keeping_all_gives_one_row_per_purchase() {
        RunRecord run = toProfiles("t_change_buyers_all", "keep: all");
        List<List<Object>> expected = retail.valuesOf("select p.profile_id, p.id, p.amount from purchase p where p.at > ?", daysAgo(180));
        long buyers = retail.count("select count(distinct profile_id) from purchase p where p.at > ?", daysAgo(180));
        assertThat(expected).hasSizeGreaterThan((int) buyers);
        assertThat(retail.valuesOf(run, "buyers.out", "id", "purchase_id", "amount")).isEqualTo(expected);
        assertThat(retail.keys(run, "buyers.out")).hasSize((int) buyers);
    }

    private List<List<Object>> firstPurchase(String order) {
        return retail.valuesOf("""
                select profile_id, id, amount from (select p.*, row_number() over (partition by profile_id order by %s) as rn
                  from purchase p where p.at > ?) n where rn = 1""".formatted(order), daysAgo(180));
    }

    @Test
    void many_to_one_keeping_one_keeps_the_purchase_with_the_highest_value() {
        RunRecord run = toProfiles("t_change_buyers_highest", """
                keep: one
                order_by: target.amount
                direction: highest
                """);
        List<List<Object>> expected = firstPurchase("amount desc, id");
        assertThat(expected).isNotEqualTo(firstPurchase("id"));
        assertThat(retail.valuesOf(run, "buyers.out", "id", "purchase_id", "amount")).isEqualTo(expected);
    }

    @Test
    void many_to_one_keeping_one_keeps_the_purchase_with_the_lowest_value() {
        RunRecord run = toProfiles("t_change_buyers_lowest", """
                keep: one
                order_by: purchase.at
                direction: lowest
                """);
        List<List<Object>> expected = firstPurchase("p.at, id");
        assertThat(expected).isNotEqualTo(firstPurchase("amount desc, id"));
        assertThat(retail.valuesOf(run, "buyers.out", "id", "purchase_id", "amount")).isEqualTo(expected);
    }

    @Test
    void many_to_one_keeping_one_without_an_order_keeps_the_lowest_former_key() {
        RunRecord run = toProfiles("t_change_buyers_first", "keep: one");
        assertThat(retail.valuesOf(run, "buyers.out", "id", "purchase_id", "amount")).isEqualTo(firstPurchase("id"));
    }

    @Test
    void a_many_to_one_link_left_empty_leads_nowhere() {
        RunRecord run = retail.test("""
                id: t_change_stores
                name: to the stores
                activities:
                  - id: recent
                    type: build-audience
                    dimension: purchase
                    expression: purchase.at > daysAgo(30)
                  - id: stores
                    type: change-dimension
                    from: [recent]
                    link: store
                    keep: one
                    order_by: purchase.at
                """);
        List<List<Object>> expected = retail.valuesOf("""
                select store_id, id from (select p.*, row_number() over (partition by store_id order by p.at desc, id) as rn
                  from purchase p where p.at > ? and store_id is not null) n where rn = 1""", daysAgo(30));
        assertThat(retail.count("select count(*) from purchase p where p.at > ? and store_id is null", daysAgo(30))).isPositive();
        assertThat(expected).isNotEmpty();
        assertThat(retail.valuesOf(run, "stores.out", "id", "purchase_id")).isEqualTo(expected);
    }
}
