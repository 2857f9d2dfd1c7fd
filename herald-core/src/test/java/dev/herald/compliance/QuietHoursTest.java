package dev.herald.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QuietHoursTest {

    private static final QuietHours NIGHT = new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0), Set.of("sms"));
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Test
    void hours_that_span_midnight_end_the_next_morning_in_the_recipients_zone() {
        assertThat(NIGHT.endAfter(Instant.parse("2026-11-01T22:30:00Z"), PARIS)).isEqualTo(Instant.parse("2026-11-02T07:00:00Z"));
        assertThat(NIGHT.endAfter(Instant.parse("2026-11-02T05:00:00Z"), PARIS)).as("06:00 there: the same morning")
                .isEqualTo(Instant.parse("2026-11-02T07:00:00Z"));
        assertThat(NIGHT.endAfter(Instant.parse("2026-11-02T07:00:00Z"), PARIS)).as("08:00 there: over").isNull();
        assertThat(NIGHT.endAfter(Instant.parse("2026-11-01T19:59:00Z"), PARIS)).as("20:59 there").isNull();
        assertThat(NIGHT.endAfter(Instant.parse("2026-03-28T21:30:00Z"), PARIS)).as("the night clocks go forward")
                .isEqualTo(Instant.parse("2026-03-29T06:00:00Z"));
    }

    @Test
    void hours_within_one_day_and_who_they_cover() {
        QuietHours lunch = new QuietHours(LocalTime.of(12, 0), LocalTime.of(14, 0), Set.of("push"));
        assertThat(lunch.endAfter(Instant.parse("2026-07-01T10:30:00Z"), PARIS)).isEqualTo(Instant.parse("2026-07-01T12:00:00Z"));
        assertThat(lunch.endAfter(Instant.parse("2026-07-01T12:30:00Z"), PARIS)).isNull();
        assertThat(lunch.covers("push", Category.MARKETING)).isTrue();
        assertThat(lunch.covers("push", Category.TRANSACTIONAL)).isFalse();
        assertThat(lunch.covers("email", Category.MARKETING)).isFalse();
    }

    @Test
    void a_message_held_by_two_rules_leaves_when_the_later_lets_it() {
        QuietHours closedUntilTen = new QuietHours(LocalTime.of(18, 0), LocalTime.of(10, 0), Set.of("sms"));
        Instant lateEvening = Instant.parse("2026-11-01T22:30:00Z");
        assertThat(QuietHours.release(lateEvening, PARIS, java.util.List.of(NIGHT, closedUntilTen))).isEqualTo(Instant.parse("2026-11-02T09:00:00Z"));
        assertThat(QuietHours.release(lateEvening, PARIS, java.util.List.of(NIGHT))).isEqualTo(Instant.parse("2026-11-02T07:00:00Z"));
        assertThat(QuietHours.release(Instant.parse("2026-11-02T10:00:00Z"), PARIS, java.util.List.of(NIGHT, closedUntilTen))).isNull();
        assertThat(QuietHours.release(lateEvening, PARIS, java.util.List.of())).isNull();
    }

    @Test
    void the_setting_is_read_strictly() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThat(ComplianceRules.read(json.readTree("{\"quiet_hours\": {\"from\": \"21:00\", \"to\": \"08:00\", \"channels\": [\"sms\"]}}"))
                .quietHours()).containsExactly(NIGHT);
        assertThatThrownBy(() -> ComplianceRules.read(json.readTree("{\"quiet_hours\": {\"from\": \"9pm\", \"to\": \"08:00\", \"channels\": [\"sms\"]}}")))
                .hasMessage("compliance.quiet_hours.from: '9pm' is not a time of day such as \"21:00\"");
        assertThatThrownBy(() -> ComplianceRules.read(json.readTree("{\"quiet_hours\": {\"from\": \"21:00\", \"to\": \"08:00\", \"channels\": [\"smss\"]}}")))
                .hasMessageStartingWith("compliance.quiet_hours.channels: 'smss' is not a channel — did you mean 'sms'?");
        assertThatThrownBy(() -> ComplianceRules.read(json.readTree("{\"quiet_hours\": {\"form\": \"21:00\"}}")))
                .hasMessageStartingWith("compliance.quiet_hours.form: unknown setting — did you mean 'from'?");
        assertThat(ComplianceRules.read(json.readTree("{}")).quietHours()).isEmpty();
    }

    @Test
    void several_rules_each_wait_or_drop_and_a_delivery_gets_those_of_its_channel() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ComplianceRules rules = ComplianceRules.read(json.readTree("{\"quiet_hours\": ["
                + "{\"from\": \"21:00\", \"to\": \"08:00\", \"channels\": [\"sms\"], \"action\": \"drop\"},"
                + "{\"from\": \"22:00\", \"to\": \"07:00\", \"channels\": [\"push\"], \"action\": \"wait\"}]}"));
        QuietHours dropSms = new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0), Set.of("sms"), true);
        assertThat(rules.quietHours()).containsExactly(dropSms, new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0), Set.of("push")));
        assertThat(rules.quietHours("sms", Category.MARKETING)).containsExactly(dropSms);
        assertThat(rules.quietHours("sms", Category.TRANSACTIONAL)).isEmpty();
        assertThat(rules.quietHours("email", Category.MARKETING)).isEmpty();
        assertThat(dropSms.inside(Instant.parse("2026-11-01T22:30:00Z"), PARIS)).isTrue();
        assertThat(dropSms.inside(Instant.parse("2026-11-02T07:00:00Z"), PARIS)).isFalse();

        assertThatThrownBy(() -> ComplianceRules.read(json.readTree(
                "{\"quiet_hours\": [{\"from\": \"21:00\", \"to\": \"08:00\", \"channels\": [\"sms\"], \"action\": \"discard\"}]}")))
                .hasMessage("compliance.quiet_hours[0].action: 'discard' is neither wait (the message leaves when the hours end, the default) "
                        + "nor drop (it is not sent)");
        assertThatThrownBy(() -> ComplianceRules.read(json.readTree(
                "{\"quiet_hours\": [{\"from\": \"21:00\", \"to\": \"08:00\", \"channels\": [\"sms\"]}, {\"from\": \"x\"}]}")))
                .hasMessage("compliance.quiet_hours[1].from: 'x' is not a time of day such as \"21:00\"");
    }
}
