package dev.herald.testkit.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.channel.Bounce;
import dev.herald.compliance.Suppression;
import dev.herald.compliance.SuppressionPolicy;
import dev.herald.store.compliance.ComplianceTables;
import dev.herald.testkit.Backend;
import dev.herald.testkit.campaign.RetailStore;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The suppression list as bounces and people change it: a hard bounce or a complaint suppresses at
 * once and for good, soft bounces only past the policy's count within its window and then for a
 * while, a permanent entry keeps its first reason, and addresses compare without case or spaces.
 * Each test uses addresses of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SuppressionContract {

    static final Instant T = Instant.parse("2026-11-01T10:00:00Z");
    RetailStore retail;
    ComplianceTables tables;

    @BeforeAll
    void load() throws IOException {
        retail = RetailStore.open(getClass().getAnnotation(Backend.class).value(), Files.createTempDirectory("herald-suppression-"), 20, null);
        tables = new ComplianceTables(retail.store(), new SuppressionPolicy(3, Duration.ofDays(3), Duration.ofDays(30)));
    }

    @AfterAll
    void close() {
        retail.close();
    }

    @Test
    void a_hard_bounce_suppresses_at_once_until_removed_whatever_the_case_and_spaces() {
        Suppression s = tables.bounce("email", " Hard@Example.COM ", Bounce.HARD, "550 5.1.1 no such user", 42L, T);
        assertThat(s.reason()).isEqualTo(Suppression.HARD_BOUNCE);
        assertThat(tables.suppressed("email", "hard@example.com", T.plus(Duration.ofDays(3650)))).isTrue();
        assertThat(tables.suppressed("email", "  HARD@example.com", T)).isTrue();
        assertThat(tables.suppressed("sms", "hard@example.com", T)).as("another channel's list").isFalse();
        assertThat(tables.find("email", "hard@example.com", T).source()).isEqualTo("message 42");
        assertThat(tables.release("email", "HARD@EXAMPLE.COM")).isTrue();
        assertThat(tables.suppressed("email", "hard@example.com", T)).isFalse();
        assertThat(tables.release("email", "hard@example.com")).isFalse();
    }

    @Test
    void soft_bounces_suppress_only_past_the_count_within_the_window_and_then_for_the_release_time() {
        assertThat(tables.bounce("email", "soft@example.com", Bounce.SOFT, "552 full", 1L, T)).isNull();
        assertThat(tables.bounce("email", "soft@example.com", Bounce.SOFT, "552 full", 2L, T.plus(Duration.ofDays(4)))).isNull();
        assertThat(tables.bounce("email", "soft@example.com", Bounce.SOFT, "552 full", 3L, T.plus(Duration.ofDays(5)))).as("the first is 5 days old").isNull();
        Suppression s = tables.bounce("email", "soft@example.com", Bounce.SOFT, "552 full", 4L, T.plus(Duration.ofDays(6)));
        assertThat(s).isNotNull();
        assertThat(s.reason()).isEqualTo(Suppression.SOFT_BOUNCES);
        assertThat(s.detail()).isEqualTo("3 soft bounces, the last: 552 full");
        assertThat(tables.suppressed("email", "soft@example.com", T.plus(Duration.ofDays(35)))).isTrue();
        assertThat(tables.suppressed("email", "soft@example.com", T.plus(Duration.ofDays(36)))).as("released 30 days after").isFalse();
    }

    @Test
    void a_permanent_entry_keeps_its_first_reason_and_an_expiring_one_becomes_permanent() {
        tables.bounce("email", "both@example.com", Bounce.COMPLAINT, "abuse report", 7L, T);
        tables.suppress(new Suppression("email", "both@example.com", Suppression.MANUAL, "again", "cli", T.plusSeconds(60), null));
        assertThat(tables.find("email", "both@example.com", T).reason()).isEqualTo(Suppression.COMPLAINT);

        tables.suppress(new Suppression("email", "later@example.com", Suppression.SOFT_BOUNCES, "x", "m", T, T.plus(Duration.ofDays(1))));
        tables.bounce("email", "later@example.com", Bounce.HARD, "550 5.1.1", 8L, T.plusSeconds(5));
        Suppression now = tables.find("email", "later@example.com", T);
        assertThat(now.reason()).isEqualTo(Suppression.HARD_BOUNCE);
        assertThat(now.expiresAt()).isNull();
    }

    @Test
    void refusals_that_say_nothing_about_the_address_change_nothing() {
        for (Bounce b : Set.of(Bounce.POLICY, Bounce.AUTH, Bounce.OTHER)) {
            assertThat(tables.bounce("email", "policy@example.com", b, "554 5.7.1 spam", 9L, T)).isNull();
        }
        assertThat(tables.suppressed("email", "policy@example.com", T)).isFalse();
        assertThat(retail.count("select count(*) from herald_bounce where address = 'policy@example.com'")).isZero();
    }

    @Test
    void a_number_finds_its_profiles_by_its_digits_alone() {
        var row = retail.store().dsl().fetch("select id, phone from profile where phone is not null order by id limit 1").get(0);
        String phone = row.get("phone", String.class);
        String written = "+" + phone.replaceAll("[^0-9]", "").replaceAll("(..)(.)", "$1 $2");
        List<Object> keys = tables.keysWithNumber(retail.schema().entities().get("profile"), "phone", written);
        assertThat(keys.stream().map(k -> ((Number) k).longValue()).toList()).contains(row.get("id", Long.class));
        assertThat(tables.keysWithNumber(retail.schema().entities().get("profile"), "phone", "STOP")).isEmpty();
    }

    @Test
    void the_list_shows_entries_that_hold_newest_first() {
        tables.suppress(new Suppression("push", "tok-1", Suppression.MANUAL, null, "cli", T, null));
        tables.suppress(new Suppression("push", "tok-2", Suppression.MANUAL, null, "cli", T.plusSeconds(1), null));
        tables.suppress(new Suppression("push", "tok-3", Suppression.MANUAL, null, "cli", T, T.minusSeconds(1)));
        assertThat(tables.list("push", T, 10)).extracting(Suppression::address).containsExactly("tok-2", "tok-1");
        assertThat(tables.count("push", T)).isEqualTo(2);
    }
}
