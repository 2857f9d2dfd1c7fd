package dev.herald.campaign;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.herald.campaign.plan.CampaignCheck;
import dev.herald.campaign.plan.InvalidCampaignException;
import dev.herald.delivery.Templates;
import dev.herald.expr.ExpressionChecker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Templates as `campaign validate` checks them: errors with where they are, never a stack trace. */
class TemplateValidationTest {

    private static String campaign(String body) {
        return """
                id: t
                name: T
                activities:
                  - id: all
                    type: build-audience
                    expression: has(profile.email)
                  - id: mail
                    type: email
                    from: [all]
                    subject: Hi
                    body: %s
                """.formatted("'" + body.replace("'", "''") + "'");
    }

    @Test
    void thousands_of_nested_ifs_are_an_error_with_the_path_not_a_stack_overflow() {
        // 2,500 levels: the most a campaign's value can hold (YAML values are limited to 65,536 characters)
        String body = "{% if true %}".repeat(2_500) + "x" + "{% endif %}".repeat(2_500);
        assertThatExceptionOfType(InvalidCampaignException.class)
                .isThrownBy(() -> new CampaignCheck(CampaignFixturesTest.SCHEMA, new ExpressionChecker(CampaignFixturesTest.SCHEMA), null)
                        .check(campaign(body), "deep.yaml"))
                .withMessage("deep.yaml has 1 error:\n  activities[1].body: line 1: blocks are nested more than 100 deep");
    }

    @Test
    void an_error_in_a_partial_names_its_file_and_line(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("footer.liquid"), "Bye\n{{ profile.frist_name }}\n{{ profile.email | downcaes }}");
        Files.writeString(dir.resolve("header.liquid"), "Hello {{ profile.first_name }}");
        CampaignCheck check = new CampaignCheck(CampaignFixturesTest.SCHEMA, new ExpressionChecker(CampaignFixturesTest.SCHEMA), null,
                Templates.of(dir, ZoneOffset.UTC));
        assertThatExceptionOfType(InvalidCampaignException.class)
                .isThrownBy(() -> check.check(campaign("{% include 'header' %}\n{% render 'footer', profile: profile %}"), "p.yaml"))
                .withMessage("p.yaml has 1 error:\n  activities[1].body: templates/footer.liquid:3: unknown filter 'downcaes' — did you mean 'downcase'?"
                        + " in \"profile.email | downcaes\"");
        Files.writeString(dir.resolve("footer.liquid"), "Bye\n{{ profile.frist_name }}");
        assertThatExceptionOfType(InvalidCampaignException.class)
                .isThrownBy(() -> new CampaignCheck(CampaignFixturesTest.SCHEMA, new ExpressionChecker(CampaignFixturesTest.SCHEMA), null,
                        Templates.of(dir, ZoneOffset.UTC)).check(campaign("{% render 'footer', profile: profile %}{{ first_name }}"), "p.yaml"))
                .withMessage("p.yaml has 2 errors:\n"
                        + "  activities[1].body: line 1: 'first_name': a template reads profile, target, vars, message, not 'first_name' — did you mean 'profile.first_name'?\n"
                        + "  activities[1].body: templates/footer.liquid:2: 'profile.frist_name': profile has no field 'frist_name' — did you mean 'first_name'?");
    }
}
