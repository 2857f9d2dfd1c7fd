package dev.herald.delivery.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.channel.ChannelTypes;
import dev.herald.delivery.LinkTracking;
import dev.herald.delivery.MessageTemplate;
import dev.herald.delivery.SignedLinks;
import dev.herald.schema.Schema;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A message's parts as its recipient gets them: escaped as the part needs, dates in the recipient's time zone. */
class MessageRendererTest {

    private static final String SCRIPT = "<script>alert('x')</script>";

    private static PendingMessage message(Map<String, Object> profile) {
        return new PendingMessage(1, "lea@example.com", Map.of("profile", profile, "target", Map.of()));
    }

    private static MessageRenderer renderer(String type, Map<String, String> parts, RecipientZone zones) {
        Map<String, MessageTemplate> templates = new LinkedHashMap<>();
        parts.forEach((k, v) -> templates.put(k, MessageTemplate.parse(v)));
        return new MessageRenderer(7, ChannelTypes.of(type), templates, Map.of(), Map.of(), zones);
    }

    @Test
    void an_html_email_body_escapes_inserted_values_and_raw_opts_out() {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("subject", "Hello {{ profile.first_name }}");
        parts.put("body", "<p>Hello {{ profile.first_name }}</p>{{ profile.banner | raw }}");
        Map<String, String> out = renderer("email", parts, new RecipientZone(null, ZoneOffset.UTC))
                .parts(message(Map.of("first_name", SCRIPT, "banner", "<b>Sale</b>")));
        assertThat(out.get("body")).isEqualTo("<p>Hello &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</p><b>Sale</b>");
        assertThat(out.get("subject")).isEqualTo("Hello " + SCRIPT);
    }

    @Test
    void a_text_email_body_is_not_escaped() {
        Map<String, String> out = renderer("email", Map.of("subject", "Hi", "body", "Hello {{ profile.first_name }} & welcome"),
                new RecipientZone(null, ZoneOffset.UTC)).parts(message(Map.of("first_name", "Tom <tom>")));
        assertThat(out.get("body")).isEqualTo("Hello Tom <tom> & welcome");
    }

    @Test
    void a_captured_html_fragment_is_escaped_once() {
        Map<String, String> out = renderer("email", Map.of("subject", "Hi",
                        "body", "{% capture hi %}<b>{{ profile.first_name }}</b>{% endcapture %}<p>{{ hi }}</p>"),
                new RecipientZone(null, ZoneOffset.UTC)).parts(message(Map.of("first_name", "A&B")));
        assertThat(out.get("body")).isEqualTo("<p><b>A&amp;B</b></p>");
    }

    @Test
    void a_webhook_body_stays_valid_json_whatever_the_values_hold() throws Exception {
        String body = "{\"name\": \"{{ profile.first_name }}\", \"age\": {{ profile.age }}, \"note\": {{ profile.note }}, "
                + "\"tags\": {{ profile.tags }}, \"missing\": {{ profile.nothing }}, \"said\": \"{{ profile.note | upcase }}\"}";
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("first_name", "Léa \"the boss\"\nMartin\\");
        profile.put("age", 41);
        profile.put("note", "line one\nline \"two\"\t</script>");
        profile.put("tags", java.util.List.of("a\"b", 2, true));
        String out = renderer("webhook", Map.of("url", "https://crm.example.com/{{ profile.age }}", "body", body),
                new RecipientZone(null, ZoneOffset.UTC)).parts(message(profile)).get("body");
        JsonNode json = new ObjectMapper().readTree(out);
        assertThat(json.get("name").asText()).isEqualTo("Léa \"the boss\"\nMartin\\");
        assertThat(json.get("age").asInt()).isEqualTo(41);
        assertThat(json.get("note").asText()).isEqualTo("line one\nline \"two\"\t</script>");
        assertThat(json.get("tags").toString()).isEqualTo("[\"a\\\"b\",2,true]");
        assertThat(json.get("missing").isNull()).isTrue();
        assertThat(json.get("said").asText()).isEqualTo("LINE ONE\nLINE \"TWO\"\t</SCRIPT>");
    }

    @Test
    void dates_show_in_the_recipients_time_zone_with_its_offset() {
        RecipientZone zones = new RecipientZone(new Schema.FieldPath("profile", "timezone"), ZoneId.of("America/New_York"));
        MessageRenderer r = renderer("sms", Map.of("text", "{{ profile.at | date: '%d/%m %H:%M %z' }} {{ profile.day | date: '%H:%M %z' }}"), zones);
        Map<String, Object> paris = Map.of("timezone", "Europe/Paris", "at", "2026-07-14T09:30:00Z", "day", "2026-01-05");
        assertThat(r.parts(message(paris)).get("text")).isEqualTo("14/07 11:30 +0200 00:00 +0100");
        Map<String, Object> unknown = Map.of("timezone", "Mars/Olympus", "at", "2026-07-14T09:30:00Z", "day", "2026-01-05");
        assertThat(r.parts(message(unknown)).get("text")).isEqualTo("14/07 05:30 -0400 00:00 -0500");
    }

    @Test
    void a_part_that_cannot_render_fails_with_its_name_line_and_reason() {
        MessageRenderer r = renderer("sms", Map.of("text", "Hi\n{{ 10 | divided_by: profile.count }}"), new RecipientZone(null, ZoneOffset.UTC));
        assertThatThrownBy(() -> r.render(message(Map.of("count", 0)))).isInstanceOf(MessageRenderer.MessageRenderException.class)
                .hasMessage("text: line 2: divided_by: divided by 0");
        assertThat(r.render(message(Map.of("count", 5))).parts().get("text")).isEqualTo("Hi\n2");
    }

    @Test
    void an_html_email_has_its_links_tracked_its_pixel_and_its_unsubscribe_link_and_a_text_one_is_left_as_written() {
        SignedLinks links = new SignedLinks("https://t.shop.example", new byte[32]);
        Map<String, MessageTemplate> html = Map.of("subject", MessageTemplate.parse("Hi"), "body", MessageTemplate.parse(
                "<p><a href=\"https://shop.example/p/{{ profile.first_name }}\">Shop</a> <a href=\"{{ message.unsubscribe_url }}\">Leave</a></p>"));
        MessageRenderer tracked = new MessageRenderer(7, ChannelTypes.of("email"), html, Map.of(), Map.of(),
                new RecipientZone(null, ZoneOffset.UTC), new LinkTracking(links, true, true));
        String body = tracked.parts(message(Map.of("first_name", "Léa"))).get("body");
        assertThat(body).contains("<a href=\"" + links.unsubscribeUrl(1) + "\">Leave</a>").contains("<img src=\"" + links.openUrl(1) + "\"")
                .doesNotContain("https://shop.example/p/");
        int shop = body.indexOf("\">Shop</a>");
        String click = body.substring(body.lastIndexOf("/c/", shop) + 3, shop);
        assertThat(links.read(SignedLinks.Kind.CLICK, click)).hasValueSatisfying(t -> assertThat(t.url()).isEqualTo("https://shop.example/p/Léa"));

        MessageRenderer untracked = new MessageRenderer(7, ChannelTypes.of("email"), html, Map.of(), Map.of(),
                new RecipientZone(null, ZoneOffset.UTC), new LinkTracking(links, false, false));
        assertThat(untracked.parts(message(Map.of("first_name", "Léa"))).get("body")).contains("href=\"https://shop.example/p/Léa\"").doesNotContain("<img");

        Map<String, MessageTemplate> text = Map.of("subject", MessageTemplate.parse("Hi"),
                "body", MessageTemplate.parse("See https://shop.example — leave: {{ message.unsubscribe_url }}"));
        assertThat(new MessageRenderer(7, ChannelTypes.of("email"), text, Map.of(), Map.of(), new RecipientZone(null, ZoneOffset.UTC),
                new LinkTracking(links, true, true)).parts(message(Map.of())).get("body"))
                .isEqualTo("See https://shop.example — leave: " + links.unsubscribeUrl(1));
    }
}
