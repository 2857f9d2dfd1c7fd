package dev.herald.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.herald.campaign.activity.Delivery;
import dev.herald.campaign.plan.CampaignCheck;
import dev.herald.campaign.plan.InvalidCampaignException;
import dev.herald.compliance.Category;
import dev.herald.compliance.ComplianceRules;
import dev.herald.compliance.SuppressionPolicy;
import dev.herald.delivery.Templates;
import dev.herald.expr.ExpressionChecker;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A delivery's category and topic as validation checks them against the workspace's compliance rules. */
class DeliveryTopicTest {

    private static final ComplianceRules RULES = new ComplianceRules(List.of(),
            Map.of("newsletter", new ComplianceRules.Topic("newsletter", false)), SuppressionPolicy.DEFAULT, java.util.List.of());

    private static String campaign(String options) {
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
                    body: Hi
                %s
                """.formatted(options.indent(4).stripTrailing());
    }

    private static CampaignCheck check(ComplianceRules rules) {
        return new CampaignCheck(CampaignFixturesTest.SCHEMA, new ExpressionChecker(CampaignFixturesTest.SCHEMA), null, Templates.STANDARD, rules);
    }

    @Test
    void a_declared_topic_and_a_category_are_read() {
        var plan = check(RULES).check(campaign("category: marketing\ntopic: newsletter"), "t.yaml");
        Delivery mail = (Delivery) plan.campaign().activities().stream().filter(a -> a.id().equals("mail")).findFirst().orElseThrow().config();
        assertThat(mail.topic()).isEqualTo("newsletter");
        assertThat(mail.category()).isEqualTo(Category.MARKETING);
        Delivery receipt = (Delivery) check(RULES).check(campaign("category: transactional"), "t.yaml").campaign().activities().get(1).config();
        assertThat(receipt.category()).isEqualTo(Category.TRANSACTIONAL);
    }

    @Test
    void an_undeclared_topic_a_topic_on_a_transactional_message_and_a_wrong_category_are_errors_with_their_paths() {
        assertThatExceptionOfType(InvalidCampaignException.class).isThrownBy(() -> check(RULES).check(campaign("topic: newsleter"), "t.yaml"))
                .withMessage("t.yaml has 1 error:\n  activities[1].topic: 'newsleter' is not a topic of herald.yaml's compliance.topics"
                        + " — did you mean 'newsletter'? (topics: newsletter)");
        assertThatExceptionOfType(InvalidCampaignException.class).isThrownBy(() -> check(ComplianceRules.NONE).check(campaign("topic: news"), "t.yaml"))
                .withMessageContaining("activities[1].topic: 'news' is not a topic of herald.yaml's compliance.topics (it declares none;"
                        + " add e.g. compliance: {topics: {news: opt_out}})");
        assertThatExceptionOfType(InvalidCampaignException.class)
                .isThrownBy(() -> check(RULES).check(campaign("category: transactional\ntopic: newsletter"), "t.yaml"))
                .withMessageContaining("activities[1].topic: a transactional message has no topic: topics are for marketing messages");
        assertThatExceptionOfType(InvalidCampaignException.class).isThrownBy(() -> check(RULES).check(campaign("category: promo"), "t.yaml"))
                .withMessageContaining("activities[1].category: expected one of marketing, transactional, got");
    }
}
