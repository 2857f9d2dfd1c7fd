package dev.herald.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.herald.workspace.HeraldConfig;
import dev.herald.channel.Bounce;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ComplianceRulesTest {

    @TempDir
    Path dir;

    private ComplianceRules read(String yaml) throws IOException {
        return HeraldConfig.read(Files.writeString(dir.resolve("herald.yaml"), yaml)).compliance();
    }

    private String error(String yaml) {
        try {
            read(yaml);
        } catch (IllegalArgumentException | IOException e) {
            return e.getMessage().replace(dir.resolve("herald.yaml").toString(), "herald.yaml");
        }
        throw new AssertionError("accepted: " + yaml);
    }

    @Test
    void caps_topics_and_the_suppression_policy_are_read() throws IOException {
        ComplianceRules rules = read("""
                compliance:
                  frequency_caps:
                    - { max: 3, within: 7d, channels: [email, sms] }
                    - { max: 1, per: day }
                  topics: { newsletter: opt_out, offers: opt_in }
                  suppression: { soft_bounces: 4, soft_bounce_window: 48h, soft_bounce_release: 10d }
                """);
        assertThat(rules.caps()).containsExactly(new FrequencyCap(3, Duration.ofDays(7), null, Set.of("email", "sms")),
                new FrequencyCap(1, null, FrequencyCap.Period.DAY, Set.of()));
        assertThat(rules.topics()).containsEntry("offers", new ComplianceRules.Topic("offers", true))
                .containsEntry("newsletter", new ComplianceRules.Topic("newsletter", false));
        assertThat(rules.suppression()).isEqualTo(new SuppressionPolicy(4, Duration.ofHours(48), Duration.ofDays(10)));
        assertThat(read("store: x.duckdb\n")).isEqualTo(ComplianceRules.NONE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "compliance: {frequency_caps: [{max: 0, within: 7d}]}|herald.yaml: compliance.frequency_caps[0].max: must be a whole number, 1 or more — how many messages the window allows",
            "compliance: {frequency_caps: [{max: 2}]}|herald.yaml: compliance.frequency_caps[0]: give one window: within: 7d (rolling) or per: week (calendar)",
            "compliance: {frequency_caps: [{max: 2, within: 7d, per: day}]}|herald.yaml: compliance.frequency_caps[0]: give one window: within: 7d (rolling) or per: week (calendar)",
            "compliance: {frequency_caps: [{max: 2, within: a week}]}|herald.yaml: compliance.frequency_caps[0].within: must be a length of time such as 7d, 48h or 30m, got 'a week'",
            "compliance: {frequency_caps: [{max: 2, per: fortnight}]}|herald.yaml: compliance.frequency_caps[0].per: must be day, week or month (a calendar window); for a rolling one write within: 7d",
            "compliance: {frequency_caps: [{max: 2, per: day, channels: [emial]}]}|herald.yaml: compliance.frequency_caps[0].channels: 'emial' is not a channel — did you mean 'email'? (channels: direct-mail, email, push, sms, webhook)",
            "compliance: {frequency_caps: [{max: 2, per: day, chanels: [email]}]}|herald.yaml: compliance.frequency_caps[0].chanels: unknown setting — did you mean 'channels'? (settings: channels, max, per, within)",
            "compliance: {topics: {newsletter: yes}}|herald.yaml: compliance.topics.newsletter: must be opt_in (only subscribers get it) or opt_out (everyone but who unsubscribed)",
            "compliance: {topics: {News: opt_in}}|herald.yaml: compliance.topics.News: a topic's name is lower-case letters, digits and _, starting with a letter",
            "compliance: {suppression: {soft_bounces: -1}}|herald.yaml: compliance.suppression.soft_bounces: must be a whole number, 1 or more, e.g. 5",
            "compliance: {caps: []}|herald.yaml: compliance.caps: unknown setting — did you mean 'frequency_caps'? (settings: frequency_caps, quiet_hours, suppression, topics)",
            "compliance: [1]|herald.yaml: compliance: must be a mapping of settings (frequency_caps, quiet_hours, suppression, topics)"})
    void a_wrong_setting_is_an_error_with_its_path(String yaml, String message) {
        assertThat(error(yaml)).isEqualTo(message);
    }

    @Test
    void calendar_windows_start_at_midnight_in_the_workspace_zone_and_rolling_ones_just_go_back() {
        ZoneId ny = ZoneId.of("America/New_York");
        Instant now = Instant.parse("2026-11-01T00:00:00Z"); // Saturday 31 October, 20:00 in New York
        assertThat(new FrequencyCap(1, null, FrequencyCap.Period.DAY, Set.of()).since(now, ny)).isEqualTo(Instant.parse("2026-10-31T04:00:00Z"));
        assertThat(new FrequencyCap(1, null, FrequencyCap.Period.WEEK, Set.of()).since(now, ny)).isEqualTo(Instant.parse("2026-10-26T04:00:00Z"));
        assertThat(new FrequencyCap(1, null, FrequencyCap.Period.MONTH, Set.of()).since(now, ny)).isEqualTo(Instant.parse("2026-10-01T04:00:00Z"));
        assertThat(new FrequencyCap(1, null, FrequencyCap.Period.DAY, Set.of()).since(now, ZoneId.of("UTC"))).isEqualTo(now);
        assertThat(new FrequencyCap(1, Duration.ofDays(7), null, Set.of()).since(now, ny)).isEqualTo(Instant.parse("2026-10-25T00:00:00Z"));
    }

    @Test
    void a_delivery_checks_the_caps_of_its_channel_and_a_transactional_one_none() {
        ComplianceRules rules = new ComplianceRules(List.of(new FrequencyCap(3, Duration.ofDays(7), null, Set.of("email", "sms")),
                new FrequencyCap(1, null, FrequencyCap.Period.DAY, Set.of("sms"))), java.util.Map.of(), SuppressionPolicy.DEFAULT, java.util.List.of());
        Instant now = Instant.parse("2026-11-01T12:00:00Z");
        assertThat(rules.forDelivery("email", Category.MARKETING, null, now, ZoneId.of("UTC")).caps()).extracting(DeliveryRules.Cap::description)
                .containsExactly("3 per 7d on email, sms");
        assertThat(rules.forDelivery("sms", Category.MARKETING, null, now, ZoneId.of("UTC")).caps()).hasSize(2);
        assertThat(rules.forDelivery("sms", Category.TRANSACTIONAL, null, now, ZoneId.of("UTC")).caps()).isEmpty();
        assertThat(rules.forDelivery("push", Category.MARKETING, null, now, ZoneId.of("UTC")).caps()).isEmpty();
        assertThatIllegalArgumentException().isThrownBy(() -> rules.forDelivery("email", Category.MARKETING, "news", now, ZoneId.of("UTC")))
                .withMessage("'news' is not a topic of herald.yaml's compliance.topics (it declares none; add e.g. compliance: {topics: {news: opt_out}})");
    }

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
            "550, 5.1.1, HARD", "550, 5.1.10, HARD", "550, 5.2.1, HARD", "552, 5.2.2, SOFT", "550, 5.4.4, SOFT", "552, 5.3.4, OTHER",
            "550, 5.7.1, POLICY", "535, 5.7.8, AUTH", "535, 5.7.0, AUTH", "550, -, HARD", "553, -, HARD", "552, -, SOFT", "554, -, POLICY",
            "530, -, AUTH", "500, -, OTHER"})
    void smtp_refusals_are_classified_by_their_enhanced_code_else_their_reply_code(int reply, String enhanced, Bounce expected) {
        assertThat(Bounce.ofSmtp(reply, enhanced)).isEqualTo(expected);
    }

    @Test
    void only_spaces_are_trimmed_as_sql_does() {
        assertThat(dev.herald.channel.AddressRule.trimmed("  a@b.c  ")).isEqualTo("a@b.c");
        assertThat(dev.herald.channel.AddressRule.trimmed("\ta@b.c")).isEqualTo("\ta@b.c");
        assertThat(dev.herald.channel.AddressRule.trimmed(null)).isNull();
        assertThat(dev.herald.channel.ChannelTypes.of("email").address().accepts("\ta@b.co")).as("a tab is not trimmed").isFalse();
        assertThat(dev.herald.channel.ChannelTypes.of("email").address().accepts("  a@b.co ")).isTrue();
    }
}
