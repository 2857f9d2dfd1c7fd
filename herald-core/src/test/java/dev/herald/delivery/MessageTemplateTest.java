package dev.herald.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MessageTemplateTest {

    @Test
    void a_template_renders_the_records_in_scope_and_filters() {
        MessageTemplate t = MessageTemplate.parse("{{ profile.first_name | upcase }}, {{ target.spend | default: 0 }} {% if vars.vip %}VIP{% endif %}");
        assertThat(t.render(Map.of("profile", Map.of("first_name", "Léa"), "target", Map.of(), "vars", Map.of("vip", true))))
                .isEqualTo("LÉA, 0 VIP");
    }

    @Test
    void templates_cannot_read_files(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("secret"), "SECRET");
        assertThatThrownBy(() -> MessageTemplate.parse("{% include 'secret' %}")).hasMessage(
                "templates cannot include other files; write the text in the template");
        assertThatThrownBy(() -> MessageTemplate.parse("{%- include_relative secret -%}")).hasMessageContaining("include");
        assertThatThrownBy(() -> MessageTemplate.parse("{% include_relative secret %}")).hasMessageContaining("include");
    }

    @Test
    void a_syntax_error_says_where() {
        assertThatThrownBy(() -> MessageTemplate.parse("Hello {{ profile.first_name ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a valid Liquid template:").hasMessageContaining("line 1");
    }
}
