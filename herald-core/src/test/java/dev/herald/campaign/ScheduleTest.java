package dev.herald.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.campaign.config.TimePoint;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleTest {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Test
    void a_cron_in_a_time_zone_keeps_its_local_hour_across_daylight_saving() {
        Schedule mondays = new Schedule("0 9 * * MON", null, PARIS, null, null);
        assertThat(mondays.preview(Instant.parse("2026-03-20T00:00:00Z"), 3)).containsExactly(
                Instant.parse("2026-03-23T08:00:00Z"), Instant.parse("2026-03-30T07:00:00Z"), Instant.parse("2026-04-06T07:00:00Z"));
    }

    @Test
    void the_validity_period_bounds_the_moments_and_its_first_minute_counts() {
        Schedule daily = new Schedule("0 9 * * *", null, PARIS, new TimePoint(null, LocalDateTime.parse("2026-06-10T09:00")),
                new TimePoint(null, LocalDateTime.parse("2026-06-12T12:00")));
        assertThat(daily.preview(Instant.parse("2026-01-01T00:00:00Z"), 10)).containsExactly(
                Instant.parse("2026-06-10T07:00:00Z"), Instant.parse("2026-06-11T07:00:00Z"), Instant.parse("2026-06-12T07:00:00Z"));
    }

    @Test
    void once_is_one_moment_read_in_the_zone_and_nothing_after_it() {
        Schedule once = new Schedule(null, new TimePoint(null, LocalDateTime.parse("2026-12-01T09:00")), PARIS, null, null);
        assertThat(once.next(Instant.parse("2026-11-30T00:00:00Z"))).contains(Instant.parse("2026-12-01T08:00:00Z"));
        assertThat(once.next(Instant.parse("2026-12-01T08:00:00Z"))).isEmpty();
        assertThat(once.preview(Instant.parse("2026-01-01T00:00:00Z"), 5)).isEqualTo(List.of(Instant.parse("2026-12-01T08:00:00Z")));
    }

    @Test
    void the_moment_due_is_the_latest_one_not_run_yet_however_many_were_missed() {
        Schedule daily = new Schedule("0 9 * * *", null, PARIS, null, null);
        Instant nineOnTheFirst = Instant.parse("2026-12-01T08:00:00Z");
        assertThat(daily.latestDue(Instant.parse("2026-11-30T20:00:00Z"), nineOnTheFirst)).contains(nineOnTheFirst); // exactly at the minute
        assertThat(daily.latestDue(Instant.parse("2026-11-30T20:00:00Z"), nineOnTheFirst.minusMillis(500))).isEmpty(); // not yet
        assertThat(daily.latestDue(nineOnTheFirst, nineOnTheFirst.plusSeconds(3600))).isEmpty(); // already run for
        // the server was down for three days: one run, for the latest moment
        assertThat(daily.latestDue(nineOnTheFirst, Instant.parse("2026-12-04T10:30:00Z"))).contains(Instant.parse("2026-12-04T08:00:00Z"));
        assertThat(daily.latestDue(nineOnTheFirst, Instant.parse("2026-12-04T07:59:59Z"))).contains(Instant.parse("2026-12-03T08:00:00Z"));
    }

    @Test
    void the_moment_due_stays_inside_the_validity_period() {
        Schedule daily = new Schedule("0 9 * * *", null, PARIS, new TimePoint(null, LocalDateTime.parse("2026-06-10T00:00")),
                new TimePoint(null, LocalDateTime.parse("2026-06-12T12:00")));
        Instant longAgo = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(daily.latestDue(longAgo, Instant.parse("2026-06-09T12:00:00Z"))).isEmpty();
        assertThat(daily.latestDue(longAgo, Instant.parse("2026-07-01T12:00:00Z"))).contains(Instant.parse("2026-06-12T07:00:00Z"));
        Schedule once = new Schedule(null, new TimePoint(null, LocalDateTime.parse("2026-12-01T09:00")), PARIS, null, null);
        assertThat(once.latestDue(longAgo, Instant.parse("2026-12-01T07:59:00Z"))).isEmpty();
        assertThat(once.latestDue(longAgo, Instant.parse("2026-12-02T00:00:00Z"))).contains(Instant.parse("2026-12-01T08:00:00Z"));
        assertThat(once.latestDue(Instant.parse("2026-12-01T08:00:00Z"), Instant.parse("2026-12-02T00:00:00Z"))).isEmpty();
    }
}
