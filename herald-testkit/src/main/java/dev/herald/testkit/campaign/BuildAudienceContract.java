package dev.herald.testkit.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.store.audience.Audiences;
import dev.herald.campaign.run.RunRecord;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** build-audience: expressions, saved audiences (expression and static) and other dimensions, against hand-written SQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BuildAudienceContract {

    /** Ninety days before the runs: when the audiences below were saved. */
    private static final Instant SAVED_AT = RetailStore.NOW.minus(Duration.ofDays(90));
    private static final String BOUGHT_LAST_MONTH = "profile.purchases.exists(p, p.at > daysAgo(30))";

    RetailStore retail;

    @BeforeAll
    void load() throws IOException {
        retail = RetailStore.open(getClass(), 1_500);
    }

    @AfterAll
    void close() {
        retail.close();
    }

    private Audiences audiencesAt(Instant now) {
        return new Audiences(retail.store(), retail.schema(), Map.of(), now);
    }

    private RunRecord build(String id, String options) {
        return retail.test("""
                id: %s
                name: build
                activities:
                  - id: audience
                    type: build-audience
                %s
                """.formatted(id, options.indent(4)));
    }

    private TreeSet<Object> boughtWithin30DaysOf(Instant moment) {
        return retail.keys("select id from profile pr where exists (select 1 from purchase p where p.profile_id = pr.id and p.at > ?)",
                OffsetDateTime.ofInstant(moment.minus(Duration.ofDays(30)), ZoneOffset.UTC));
    }

    @Test
    void a_saved_expression_audience_is_evaluated_when_the_campaign_runs() {
        audiencesAt(SAVED_AT).save("bought_last_month", retail.checker().check(BOUGHT_LAST_MONTH));
        RunRecord run = build("t_build_saved", "audience: bought_last_month");
        TreeSet<Object> now = boughtWithin30DaysOf(RetailStore.NOW);
        assertThat(now).isNotEmpty().isNotEqualTo(boughtWithin30DaysOf(SAVED_AT));
        assertThat(retail.keys(run, "audience.out")).isEqualTo(now);
    }

    @Test
    void a_static_audience_keeps_the_population_it_had_when_saved() {
        audiencesAt(SAVED_AT).saveStatic("bought_last_month_frozen", retail.checker().check(BOUGHT_LAST_MONTH));
        RunRecord run = build("t_build_static", "audience: bought_last_month_frozen");
        // every purchase after the save counts too: the data holds them, only "now" moved
        TreeSet<Object> then = boughtWithin30DaysOf(SAVED_AT);
        assertThat(then).isNotEmpty().isNotEqualTo(boughtWithin30DaysOf(RetailStore.NOW));
        assertThat(retail.keys(run, "audience.out")).isEqualTo(then);
    }

    @Test
    void a_saved_audience_saved_again_is_used_in_its_latest_version() {
        var checker = retail.checker();
        audiencesAt(RetailStore.NOW).save("big_spenders", checker.check("profile.lifetime_value > 1000.0"));
        audiencesAt(RetailStore.NOW).save("big_spenders", checker.check("profile.lifetime_value > 2000.0"));
        RunRecord run = build("t_build_version", "audience: big_spenders");
        TreeSet<Object> expected = retail.keys("select id from profile where lifetime_value > 2000");
        assertThat(expected).isNotEmpty().isNotEqualTo(retail.keys("select id from profile where lifetime_value > 1000"));
        assertThat(retail.keys(run, "audience.out")).isEqualTo(expected);
    }

    @Test
    void an_expression_with_campaign_variables_selects_with_their_values() {
        RunRecord run = retail.test("""
                id: t_build_vars
                name: build with variables
                variables:
                  country: DE
                  days: 45
                activities:
                  - id: audience
                    type: build-audience
                    expression: profile.country == vars.country && profile.purchases.exists(p, p.at > daysAgo(vars.days))
                """);
        TreeSet<Object> expected = retail.keys("""
                select id from profile pr where country = 'DE'
                and exists (select 1 from purchase p where p.profile_id = pr.id and p.at > ?)""", RetailStore.now().minusDays(45));
        assertThat(expected).isNotEmpty().hasSizeLessThan((int) retail.count("select count(*) from profile where country = 'DE'"));
        assertThat(retail.keys(run, "audience.out")).isEqualTo(expected);
    }

    @Test
    void the_dimension_option_selects_records_of_another_entity() {
        RunRecord run = build("t_build_bookings", """
                dimension: booking
                expression: booking.status == "confirmed" && booking.profile.country == "FR" && booking.starts_at < now + duration("720h")
                """);
        TreeSet<Object> expected = retail.keys("""
                select b.id from booking b join profile pr on pr.id = b.profile_id
                where b.status = 'confirmed' and pr.country = 'FR' and b.starts_at < ?""", RetailStore.now().plusHours(720));
        assertThat(expected).isNotEmpty();
        assertThat(retail.count("select count(distinct profile_id) from booking where id in ("
                + expected.stream().map(String::valueOf).collect(Collectors.joining(",")) + ")"))
                .as("a profile with two such bookings counts twice").isLessThanOrEqualTo(expected.size());
        assertThat(retail.keys(run, "audience.out")).isEqualTo(expected);
        assertThat(retail.transition(run, "audience.out").rows()).isEqualTo(expected.size());
    }

    @Test
    void saved_audiences_of_another_dimension_are_read_with_the_dimension_option() {
        var checker = retail.checker();
        String attended = "booking.status == \"attended\" && booking.store.country == \"DE\"";
        audiencesAt(RetailStore.NOW).save("attended_de", checker.check(attended, "booking"));
        audiencesAt(RetailStore.NOW).saveStatic("attended_de_frozen", checker.check(attended, "booking"));
        TreeSet<Object> expected = retail.keys("""
                select b.id from booking b join store s on s.id = b.store_id where b.status = 'attended' and s.country = 'DE'""");
        assertThat(expected).isNotEmpty();
        RunRecord saved = build("t_build_booking_saved", """
                dimension: booking
                audience: attended_de
                """);
        RunRecord frozen = build("t_build_booking_static", """
                dimension: booking
                audience: attended_de_frozen
                """);
        assertThat(retail.keys(saved, "audience.out")).isEqualTo(expected);
        assertThat(retail.keys(frozen, "audience.out")).isEqualTo(expected);
    }
}
