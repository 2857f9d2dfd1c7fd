package dev.herald.liquid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What liqp got wrong or did not have (issue 11), each shown right by Herald's Liquid. */
class LiquidTest {

    private static String render(String template, Map<String, ?> values) {
        return Liquid.standard().parse(template, null).render(values, ZoneOffset.UTC, Escape.NONE);
    }

    private static String render(String template) {
        return render(template, Map.of());
    }

    private static final Map<String, Object> PRODUCTS = Map.of("products", List.of(
            Map.of("title", "shoe", "price", 10, "available", true),
            Map.of("title", "hat", "price", 5.5, "available", false),
            Map.of("title", "scarf", "price", 7, "available", true)));

    @Test
    void has_reject_find_and_find_index_select_items_by_a_property() {
        assertThat(render("{{ products | has: 'available', false }}", PRODUCTS)).isEqualTo("true");
        assertThat(render("{{ products | reject: 'available' | map: 'title' | join: ',' }}", PRODUCTS)).isEqualTo("hat");
        assertThat(render("{{ products | find: 'title', 'scarf' | map: 'price' }}", PRODUCTS)).isEqualTo("7");
        assertThat(render("{{ products | find_index: 'title', 'hat' }}", PRODUCTS)).isEqualTo("1");
        assertThat(render("{{ products | find: 'title', 'boot' }}", PRODUCTS)).isEmpty();
    }

    @Test
    void sum_adds_items_or_a_property_as_ruby_does() {
        assertThat(render("{{ products | sum: 'price' }}", PRODUCTS)).isEqualTo("22.5");
        assertThat(render("{{ list | sum }}", Map.of("list", List.of(1, 2, "3")))).isEqualTo("6");
    }

    @Test
    void base64_and_the_last_occurrence_filters_exist() {
        assertThat(render("{{ 'Léa & co' | base64_encode }}")).isEqualTo("TMOpYSAmIGNv");
        assertThat(render("{{ 'TMOpYSAmIGNv' | base64_decode }}")).isEqualTo("Léa & co");
        assertThat(render("{{ '<>?' | base64_url_safe_encode }}")).isEqualTo("PD4_");
        assertThat(render("{{ 'PD4_' | base64_url_safe_decode }}")).isEqualTo("<>?");
        assertThat(render("{{ 'a-b-c' | replace_last: '-', '+' }} {{ 'a-b-c' | remove_last: '-' }}")).isEqualTo("a-b+c a-bc");
    }

    @Test
    void echo_liquid_and_doc_tags_work() {
        assertThat(render("{% echo 'hi' | upcase %}")).isEqualTo("HI");
        assertThat(render("{% liquid\n  assign n = 3\n  for i in (1..n)\n    echo i\n  endfor\n%}")).isEqualTo("123");
        assertThat(render("a{% doc %}{{ not parsed {% if %}{% enddoc %}b")).isEqualTo("ab");
    }

    @Test
    void range_literals_work_outside_for_loops() {
        assertThat(render("{{ (1..5) | join: ',' }}")).isEqualTo("1,2,3,4,5");
        assertThat(render("{% assign r = (2..n) %}{{ r | reverse | join }}", Map.of("n", 4))).isEqualTo("4 3 2");
        assertThat(render("{% tablerow i in (1..3) cols: 2 %}{{ i }}{% endtablerow %}"))
                .isEqualTo("<tr class=\"row1\">\n<td class=\"col1\">1</td><td class=\"col2\">2</td></tr>\n<tr class=\"row2\"><td class=\"col1\">3</td></tr>\n");
    }

    @Test
    void blank_and_empty_compare_as_in_ruby_liquid() {
        assertThat(render("{% if '' == blank %}Y{% endif %}{% if '  ' == blank %}Y{% endif %}{% if nothing == blank %}Y{% endif %}"))
                .isEqualTo("YYY");
        assertThat(render("{% if '  ' == empty %}Y{% else %}N{% endif %}{% if list == empty %}Y{% endif %}", Map.of("list", List.of())))
                .isEqualTo("NY");
    }

    @Test
    void an_undefined_filter_argument_counts_as_nothing_and_dividing_by_it_is_an_error() {
        assertThat(render("{{ 10 | plus: missing }}")).isEqualTo("10");
        assertThat(render("{{ 10 | times: missing }}")).isEqualTo("0");
        assertThatThrownBy(() -> render("{{ 10 | divided_by: missing }}")).isInstanceOf(LiquidRenderException.class)
                .hasMessage("line 1: divided_by: divided by 0");
    }

    @Test
    void blocks_of_white_space_only_write_nothing() {
        assertThat(render("a{% if true %}\n   \n{% endif %}b{% for i in (1..3) %}  {% endfor %}c")).isEqualTo("abc");
        assertThat(render("a{% if true %} x {% endif %}b")).isEqualTo("a x b");
    }

    @Test
    void raw_with_white_space_control_trims_outside_and_keeps_inside() {
        assertThat(render("a  {%- raw -%} {{ x }} {%- endraw -%}  b")).isEqualTo("a {{ x }} b");
    }

    @Test
    void offset_continue_resumes_where_the_last_loop_stopped() {
        assertThat(render("{% for i in list limit: 2 %}{{ i }}{% endfor %}|{% for i in list offset: continue %}{{ i }}{% endfor %}",
                Map.of("list", List.of(1, 2, 3, 4)))).isEqualTo("12|34");
        assertThat(render("{% for i in list offset: continue %}{{ i }}{% endfor %}", Map.of("list", List.of(1, 2)))).isEqualTo("12");
    }

    @Test
    void default_keeps_false_with_allow_false() {
        assertThat(render("{{ f | default: 'x' }} {{ f | default: 'x', allow_false: true }} {{ n | default: 'x', allow_false: true }}",
                Map.of("f", false))).isEqualTo("x false x");
    }

    @Test
    void capitalize_truncate_and_size_count_characters_not_utf16_units() {
        assertThat(render("{{ 'mARY' | capitalize }}")).isEqualTo("Mary");
        assertThat(render("{{ '😀😀😀' | truncate: 2, '' }} {{ '😀😀' | size }} {{ 'a😀b' | slice: 1 }}")).isEqualTo("😀😀 2 😀");
    }

    @Test
    void an_unknown_filter_or_tag_is_a_syntax_error_with_its_line_and_the_closest_name() {
        assertThatThrownBy(() -> Liquid.standard().parse("Hi\n{{ name | defualt: 'there' }}", null)).isInstanceOf(LiquidSyntaxException.class)
                .hasMessage("line 2: unknown filter 'defualt' — did you mean 'default'? in \"name | defualt: 'there'\"");
        assertThatThrownBy(() -> Liquid.standard().parse("{% iff x %}{% endif %}", null)).hasMessage("line 1: unknown tag 'iff' — did you mean 'if'?");
        assertThatThrownBy(() -> Liquid.standard().parse("{{ 'a' | append }}", null))
                .hasMessage("line 1: the filter 'append' takes 1 argument, not 0 in \"'a' | append\"");
    }

    @Test
    void partials_render_isolated_and_include_shares_variables() {
        Liquid liquid = Liquid.standard().withPartials(Partials.of(Map.of("footer", "{{ greeting }}{{ name }}", "shared", "{{ greeting }}")));
        assertThat(liquid.parse("{% assign greeting = 'hi' %}{% render 'footer', name: 'Léa' %}|{% include 'shared' %}", null)
                .render(Map.of(), ZoneOffset.UTC, Escape.NONE)).isEqualTo("Léa|hi");
        assertThatThrownBy(() -> liquid.parse("{% render 'fotter' %}", null))
                .hasMessage("line 1: no partial 'fotter' — did you mean 'footer'?");
    }

    @Test
    void every_filter_is_named_in_the_documentation() throws java.io.IOException {
        String doc = java.nio.file.Files.readString(GoldenLiquidTest.projectRoot().resolve("docs/templates.md"));
        for (String filter : Filters.standard().descriptions().keySet()) {
            assertThat(doc).as("docs/templates.md names the filter " + filter).contains("`" + filter + "`");
        }
    }
}
