package dev.herald.liquid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every render is bounded: a template over a bound fails once, clearly, never with an OutOfMemoryError or a stack overflow. */
class BoundsTest {

    private static String render(Liquid liquid, String template) {
        return liquid.parse(template, null).render(Map.of(), ZoneOffset.UTC, Escape.NONE);
    }

    @Test
    void a_string_doubled_by_assign_in_a_loop_fails_on_the_assigned_bound_not_the_heap() {
        String template = "{% assign s = 'xxxxxxxx' %}{% for i in (1..64) %}{% assign s = s | append: s %}{% endfor %}{{ s | size }}";
        assertThatThrownBy(() -> render(Liquid.standard(), template)).isInstanceOf(BoundExceededException.class)
                .hasMessage("line 1: the template assigns more than 1,000,000 characters to variables (a value doubled in a loop?)");
    }

    @Test
    void a_long_replace_in_a_loop_stops_at_the_time_bound() {
        String template = "{% capture s %}{% for i in (1..5000) %}aaaaaaaaaa{% endfor %}{% endcapture %}"
                + "{% for i in (1..100000) %}{{ s | replace: 'a', 'bb' | size }}{% endfor %}";
        long started = System.nanoTime();
        assertThatThrownBy(() -> render(Liquid.standard(), template)).isInstanceOf(BoundExceededException.class)
                .hasMessageContaining("takes longer than 1000 ms to render");
        assertThat((System.nanoTime() - started) / 1_000_000).as("ms").isLessThan(5_000);
    }

    @Test
    void output_larger_than_the_bound_fails() {
        assertThatThrownBy(() -> render(Liquid.standard(), "{% for i in (1..200000) %}xxxxxxxxxx{% endfor %}"))
                .isInstanceOf(BoundExceededException.class).hasMessage("line 1: the template writes more than 1,000,000 characters");
    }

    @Test
    void a_thousand_nested_ifs_are_refused_when_parsed_without_overflowing_the_stack() {
        for (int depth : new int[] {1_000, 3_000}) {
            String template = "{% if true %}".repeat(depth) + "x" + "{% endif %}".repeat(depth);
            assertThatThrownBy(() -> Liquid.standard().parse(template, null)).isInstanceOf(LiquidSyntaxException.class)
                    .hasMessage("line 1: blocks are nested more than 100 deep");
        }
        String brackets = "{{ " + "[".repeat(5_000) + "'a'" + "]".repeat(5_000) + " }}";
        assertThatThrownBy(() -> Liquid.standard().parse(brackets, null)).isInstanceOf(LiquidSyntaxException.class)
                .hasMessageContaining("nested more than 50 deep");
    }

    @Test
    void a_partial_that_renders_itself_stops_at_the_partial_depth() {
        Liquid liquid = Liquid.standard().withPartials(Partials.of(Map.of("loop", "x{% include 'loop' %}")));
        assertThatThrownBy(() -> render(liquid, "{% include 'loop' %}")).isInstanceOf(BoundExceededException.class)
                .hasMessageContaining("partials include partials more than 10 deep (does 'loop' include itself?)");
    }

    @Test
    void a_huge_range_is_bounded_by_steps() {
        assertThatThrownBy(() -> render(Liquid.standard(), "{% for i in (1..100000000) %}{% endfor %}"))
                .isInstanceOf(BoundExceededException.class).hasMessageContaining("steps to render");
    }
}
