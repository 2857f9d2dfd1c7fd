package dev.herald.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
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
    void templates_read_partials_from_the_templates_folder_and_nowhere_else(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("secret"), "SECRET");
        Path templates = Files.createDirectories(dir.resolve("workspace/templates"));
        Files.writeString(templates.resolve("footer.liquid"), "-- {{ profile.first_name }}");
        Templates workspace = Templates.of(templates, ZoneOffset.UTC);

        assertThat(workspace.parse("Hi{% render 'footer', profile: profile %}").render(Map.of("profile", Map.of("first_name", "Léa"))))
                .isEqualTo("Hi-- Léa");
        assertThatThrownBy(() -> workspace.parse("{% include '../../secret' %}")).hasMessageStartingWith("line 1: no partial '../../secret'");
        assertThatThrownBy(() -> workspace.parse("{% include '/etc/passwd' %}")).hasMessageStartingWith("line 1: no partial '/etc/passwd'");
        assertThatThrownBy(() -> MessageTemplate.parse("{% include 'secret' %}"))
                .hasMessage("line 1: no partial 'secret' (there is no templates folder)");
        assertThatThrownBy(() -> MessageTemplate.parse("{% include_relative secret %}")).hasMessage("line 1: unknown tag 'include_relative' — did you mean 'include'?");
    }

    @Test
    void a_syntax_error_says_where() {
        assertThatThrownBy(() -> MessageTemplate.parse("Hello\n{{ profile.first_name ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("line 2: the output '{{ profile.first_name' is not closed with }}");
    }
}
