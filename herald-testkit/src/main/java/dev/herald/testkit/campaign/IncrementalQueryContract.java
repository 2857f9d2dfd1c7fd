package dev.herald.testkit.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.campaign.run.RunOptions;
import dev.herald.campaign.run.RunRecord;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * incremental-query: what successive live runs return, judged at different moments, against
 * hand-written SQL. Live runs remember what they returned, so every test has its own campaign id.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class IncrementalQueryContract {

    RetailStore retail;

    @BeforeAll
    void load() throws IOException {
        retail = RetailStore.open(getClass(), 1_500);
    }

    @AfterAll
    void close() {
        retail.close();
    }

    private static Instant daysBefore(int days) {
        return RetailStore.NOW.minus(Duration.ofDays(days));
    }

    private static OffsetDateTime at(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    private RunRecord live(String yaml, Instant at) {
        return retail.run(yaml, RunOptions.live().withApproval().at(at).sleepingAtMost(Duration.ZERO));
    }

    private RunRecord test(String yaml, Instant at) {
        return retail.run(yaml, RunOptions.live().withApproval().asTest().at(at).sleepingAtMost(Duration.ZERO));
    }

    /** A campaign whose incremental query is followed by a dedup, to see whether its path goes on. */
    private static String campaign(String id, String options) {
        return """
                id: %s
                name: incremental
                activities:
                  - id: fresh
                    type: incremental-query
                %s
                  - id: next
                    type: dedup
                    from: [fresh]
                    fields: [profile.email]
                    keep: 0
                """.formatted(id, options.indent(4));
    }

    /** Profiles who bought in the 30 days before {@code moment}. */
    private TreeSet<Object> boughtWithin30DaysOf(Instant moment) {
        return retail.keys("select id from profile pr where exists (select 1 from purchase p where p.profile_id = pr.id and p.at > ? "
                + "and p.at <= ?)", at(moment.minus(Duration.ofDays(30))), at(moment));
    }

    private static TreeSet<Object> minus(TreeSet<Object> a, TreeSet<Object> b) {
        TreeSet<Object> m = new TreeSet<>(a);
        m.removeAll(b);
        return m;
    }

    @Test
    void by_keys_a_live_run_returns_only_the_records_no_earlier_live_run_returned() {
        String yaml = campaign("t_incremental_keys", "expression: profile.purchases.exists(p, p.at > daysAgo(30) && p.at <= now)");
        RunRecord first = live(yaml, daysBefore(10));
        TreeSet<Object> before = boughtWithin30DaysOf(daysBefore(10));
        assertThat(retail.keys(first, "fresh.out")).isNotEmpty().isEqualTo(before);

        RunRecord second = live(yaml, RetailStore.NOW);
        TreeSet<Object> news = minus(boughtWithin30DaysOf(RetailStore.NOW), before);
        assertThat(news).isNotEmpty().hasSizeLessThan(boughtWithin30DaysOf(RetailStore.NOW).size());
        assertThat(retail.keys(second, "fresh.out")).isEqualTo(news);
        assertThat(retail.keys(second, "next.out")).isEqualTo(news);
    }

    @Test
    void by_keys_a_second_live_run_with_nothing_new_stops_its_path() {
        String yaml = campaign("t_incremental_nothing_new", "expression: profile.country == \"FR\"");
        RunRecord first = live(yaml, RetailStore.NOW);
        assertThat(retail.keys(first, "fresh.out")).isEqualTo(retail.keys("select id from profile where country = 'FR'"));

        RunRecord second = live(yaml, RetailStore.NOW.plus(Duration.ofHours(1)));
        assertThat(retail.transition(second, "fresh.out").active()).isFalse();
        assertThat(retail.transition(second, "next.out").active()).isFalse();
    }

    @Test
    void a_test_run_remembers_nothing() {
        String yaml = campaign("t_incremental_test_run", "expression: profile.country == \"DE\"");
        TreeSet<Object> de = retail.keys("select id from profile where country = 'DE'");
        RunRecord tried = test(yaml, RetailStore.NOW);
        assertThat(retail.keys(tried, "fresh.out")).isEqualTo(de);
        RunRecord triedAgain = test(yaml, RetailStore.NOW);
        assertThat(retail.keys(triedAgain, "fresh.out")).isEqualTo(de);
        RunRecord first = live(yaml, RetailStore.NOW);
        assertThat(retail.keys(first, "fresh.out")).isEqualTo(de);
        // a test run after a live one sees what the live runs remembered
        assertThat(retail.transition(test(yaml, RetailStore.NOW), "fresh.out").active()).isFalse();
    }

    @Test
    void by_keys_with_a_retention_a_key_is_returned_again_once_forgotten() {
        String yaml = campaign("t_incremental_retention", """
                expression: profile.country == "GB"
                retention_days: 3
                """);
        TreeSet<Object> gb = retail.keys("select id from profile where country = 'GB'");
        assertThat(retail.keys(live(yaml, daysBefore(10)), "fresh.out")).isEqualTo(gb);
        assertThat(retail.transition(live(yaml, daysBefore(8)), "fresh.out").active()).as("2 days later: remembered").isFalse();
        assertThat(retail.keys(live(yaml, daysBefore(6)), "fresh.out")).as("4 days later: forgotten").isEqualTo(gb);
        assertThat(retail.transition(live(yaml, daysBefore(4)), "fresh.out").active()).as("2 days after that").isFalse();

        String forever = campaign("t_incremental_forever", "expression: profile.country == \"GB\"");
        assertThat(retail.keys(live(forever, daysBefore(10)), "fresh.out")).isEqualTo(gb);
        assertThat(retail.transition(live(forever, RetailStore.NOW), "fresh.out").active()).as("0 days: remembered forever").isFalse();
    }

    @Test
    void by_date_a_live_run_returns_only_the_records_after_the_latest_date_seen() {
        String yaml = """
                id: t_incremental_date
                name: new online purchases
                activities:
                  - id: fresh
                    type: incremental-query
                    dimension: purchase
                    expression: purchase.channel == "online" && purchase.at <= now
                    by: date
                    date_field: at
                """;
        RunRecord tried = test(yaml, daysBefore(20));
        String online = "select id from purchase p where p.channel = 'online' and p.at <= ?";
        TreeSet<Object> before = retail.keys(online, at(daysBefore(20)));
        assertThat(retail.keys(tried, "fresh.out")).isNotEmpty().isEqualTo(before);

        RunRecord first = live(yaml, daysBefore(20));
        assertThat(retail.keys(first, "fresh.out")).as("the test run set no date").isEqualTo(before);

        RunRecord second = live(yaml, daysBefore(5));
        TreeSet<Object> news = retail.keys(online + " and p.at > (select max(q.at) from purchase q where q.channel = 'online' and q.at <= ?)",
                at(daysBefore(5)), at(daysBefore(20)));
        assertThat(news).isNotEmpty().isEqualTo(minus(retail.keys(online, at(daysBefore(5))), before));
        assertThat(retail.keys(second, "fresh.out")).isEqualTo(news);

        RunRecord third = live(yaml, daysBefore(5));
        assertThat(retail.transition(third, "fresh.out").active()).isFalse();
    }
}
