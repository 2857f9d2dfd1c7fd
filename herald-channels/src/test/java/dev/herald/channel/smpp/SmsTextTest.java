package dev.herald.channel.smpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class SmsTextTest {

    private static String joined(SmsText t) {
        StringBuilder b = new StringBuilder();
        t.parts().forEach(p -> b.append(SmsText.decode(p, t.gsm(), t.concatenated())));
        return b.toString();
    }

    @Test
    void up_to_160_septets_is_one_part_and_161_is_two_of_153_and_8() {
        SmsText one = SmsText.of("a".repeat(160), 9);
        assertThat(one.gsm()).isTrue();
        assertThat(one.parts()).hasSize(1);
        assertThat(one.parts().get(0)).hasSize(160);
        SmsText two = SmsText.of("a".repeat(161), 9);
        assertThat(two.parts()).extracting(p -> p.length).containsExactly(6 + 153, 6 + 8);
        assertThat(two.parts().get(1)).startsWith(0x05, 0x00, 0x03, 9, 2, 2);
        assertThat(joined(two)).isEqualTo("a".repeat(161));
    }

    @Test
    void extension_characters_take_two_septets_and_a_part_never_ends_between_them() {
        assertThat(SmsText.of("€".repeat(80), 1).parts()).hasSize(1); // 160 septets
        SmsText split = SmsText.of("a" + "€".repeat(80), 1); // 161 septets
        assertThat(split.parts()).hasSize(2);
        assertThat(split.parts().get(0)).hasSize(6 + 153); // a + 76 € = 153
        assertThat(joined(split)).isEqualTo("a" + "€".repeat(80));
        assertThat(SmsText.decode(SmsText.of("[x]{y}~|^\\", 0).parts().get(0), true, false)).isEqualTo("[x]{y}~|^\\");
    }

    @Test
    void anything_outside_the_gsm_alphabet_is_ucs2_of_70_units_or_parts_of_67() {
        assertThat(SmsText.isGsm("Ça coûte 5 €, àèéìòù ÄÖÜß")).isFalse(); // û is not in it
        assertThat(SmsText.isGsm("Ça coute 5 €, àèéìòù ÄÖÜß")).isTrue();
        SmsText seventy = SmsText.of("ж".repeat(70), 3);
        assertThat(seventy.gsm()).isFalse();
        assertThat(seventy.parts()).hasSize(1);
        assertThat(seventy.parts().get(0)).hasSize(140);
        SmsText emoji = SmsText.of("ж".repeat(66) + "🎉" + "ж", 3); // 69 units: the emoji may not straddle parts 1 and 2
        assertThat(emoji.parts()).hasSize(1);
        SmsText straddle = SmsText.of("ж".repeat(66) + "🎉" + "ж".repeat(5), 3); // 73 units
        assertThat(straddle.parts()).extracting(p -> (p.length - 6) / 2).containsExactly(66, 7);
        assertThat(joined(straddle)).isEqualTo("ж".repeat(66) + "🎉" + "ж".repeat(5));
    }

    @Test
    void a_text_of_more_than_255_parts_is_refused() {
        assertThatIllegalArgumentException().isThrownBy(() -> SmsText.of("a".repeat(153 * 255 + 1), 0))
                .withMessage("the text needs 256 parts; a message has at most 255");
        assertThat(SmsText.of("", 0).parts()).singleElement().satisfies(p -> assertThat(p).isEmpty());
    }
}
