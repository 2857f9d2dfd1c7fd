package dev.herald.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SendWindowTest {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

    private static Instant paris(String local) {
        return java.time.LocalDateTime.parse(local).atZone(PARIS).toInstant();
    }

    @Test
    void inside_the_hours_of_an_open_day_a_message_leaves_now_and_before_them_it_waits_for_the_opening() {
        SendWindow office = new SendWindow(LocalTime.of(9, 0), LocalTime.of(19, 0), WEEKDAYS);
        assertThat(office.holdUntil(paris("2026-12-02T10:00"), PARIS)).isNull(); // a Wednesday
        assertThat(office.holdUntil(paris("2026-12-02T09:00"), PARIS)).as("it opens at 09:00 sharp").isNull();
        assertThat(office.holdUntil(paris("2026-12-02T07:30"), PARIS)).isEqualTo(paris("2026-12-02T09:00"));
        assertThat(office.holdUntil(paris("2026-12-02T19:00"), PARIS)).as("closed at 19:00: the next day").isEqualTo(paris("2026-12-03T09:00"));
    }

    @Test
    void a_weekend_waits_for_monday_in_the_recipients_zone() {
        SendWindow office = new SendWindow(LocalTime.of(9, 0), LocalTime.of(19, 0), WEEKDAYS);
        assertThat(office.holdUntil(paris("2026-12-04T20:00"), PARIS)).isEqualTo(paris("2026-12-07T09:00")); // Friday evening
        assertThat(office.holdUntil(paris("2026-12-05T12:00"), PARIS)).isEqualTo(paris("2026-12-07T09:00")); // Saturday noon
        // Saturday 08:00 in Paris is Saturday 18:00 in Sydney: neither opens before Monday there
        ZoneId sydney = ZoneId.of("Australia/Sydney");
        assertThat(office.holdUntil(paris("2026-12-05T08:00"), sydney))
                .isEqualTo(java.time.LocalDateTime.parse("2026-12-07T09:00").atZone(sydney).toInstant());
    }

    @Test
    void a_window_spanning_midnight_belongs_to_the_day_it_opens() {
        SendWindow nights = new SendWindow(LocalTime.of(22, 0), LocalTime.of(2, 0), EnumSet.of(DayOfWeek.FRIDAY));
        assertThat(nights.holdUntil(paris("2026-12-05T01:00"), PARIS)).as("Saturday 01:00 is Friday's window").isNull();
        assertThat(nights.holdUntil(paris("2026-12-05T23:00"), PARIS)).as("Saturday 23:00 is not").isEqualTo(paris("2026-12-11T22:00"));
        assertThat(new SendWindow(LocalTime.of(9, 0), LocalTime.of(17, 0), Set.of()).holdUntil(paris("2026-12-06T10:00"), PARIS))
                .as("no days named: every day").isNull();
    }

    @Test
    void days_are_named_short_or_long_in_any_case() {
        assertThat(SendWindow.day("mon")).contains(DayOfWeek.MONDAY);
        assertThat(SendWindow.day(" Saturday ")).contains(DayOfWeek.SATURDAY);
        assertThat(SendWindow.day("mo")).isEmpty();
        assertThat(SendWindow.day("lundi")).isEmpty();
    }
}
