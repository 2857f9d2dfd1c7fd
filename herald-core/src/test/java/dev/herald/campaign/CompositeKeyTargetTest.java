package dev.herald.campaign;

import dev.herald.campaign.plan.CampaignCheck;
import dev.herald.campaign.plan.InvalidCampaignException;
import dev.herald.campaign.plan.Plan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.expr.ExpressionChecker;
import dev.herald.schema.Schema;
import dev.herald.schema.SchemaParser;
import org.junit.jupiter.api.Test;

/**
 * Entities whose key has several fields (order items, reviews) cannot be what a campaign targets:
 * a worktable and the message log hold one key per record. Every way of making them a population
 * is refused when the campaign is checked, with that reason.
 */
class CompositeKeyTargetTest {

    static final String SHOP = """
            dimension: %s
            channels:
              email: customer.email
            entities:
              customer:
                key: id
                fields: { id: long, email: string }
                links:
                  orders: { to: order, inverse: customer }
              order:
                key: id
                fields: { id: long, customer_id: long, total: double }
                links:
                  customer: { to: customer, field: customer_id }
                  items: { to: order_item, inverse: order }
              order_item:
                key: [order_id, line_no]
                fields: { order_id: long, line_no: int, sku: string, quantity: int }
                links:
                  order: { to: order, field: order_id }
            """;

    static final String REASON = "order_item has a composite key (order_id, line_no); a campaign targets records of an entity "
            + "with a one-field key, as a worktable and the message log hold one key per record — target the order they "
            + "belong to (change-dimension through a link), or give order_item a one-field key";

    @Test
    void a_campaign_on_an_entity_with_a_composite_key_is_refused_with_the_reason() {
        assertThatThrownBy(() -> check("customer", """
                id: items
                name: Items
                dimension: order_item
                activities:
                  - { id: big, type: build-audience, expression: order_item.quantity > 10 }
                """)).isInstanceOf(InvalidCampaignException.class).hasMessageContaining("dimension: " + REASON);
    }

    @Test
    void a_schema_dimension_with_a_composite_key_is_refused_for_a_campaign_that_names_none() {
        assertThatThrownBy(() -> check("order_item", """
                id: items
                name: Items
                activities:
                  - { id: big, type: build-audience, expression: order_item.quantity > 10 }
                """)).hasMessageContaining("dimension: the schema's dimension " + REASON + "; or set dimension: to another entity");
    }

    @Test
    void build_audience_on_an_entity_with_a_composite_key_is_refused_with_the_reason() {
        assertThatThrownBy(() -> check("customer", """
                id: items
                name: Items
                activities:
                  - { id: big, type: build-audience, dimension: order_item, expression: order_item.quantity > 10 }
                """)).hasMessageContaining("activities[0].dimension: " + REASON);
    }

    @Test
    void change_dimension_to_an_entity_with_a_composite_key_is_refused_with_the_reason() {
        assertThatThrownBy(() -> check("customer", """
                id: items
                name: Items
                dimension: order
                activities:
                  - { id: big, type: build-audience, expression: order.total > 100.0 }
                  - { id: lines, type: change-dimension, from: [big], link: items }
                """)).hasMessageContaining("activities[1].link: " + REASON);
    }

    @Test
    void one_message_per_record_of_an_entity_with_a_composite_key_is_refused_with_the_reason() {
        assertThatThrownBy(() -> check("customer", """
                id: items
                name: Items
                dimension: order
                activities:
                  - { id: big, type: build-audience, expression: order.total > 100.0 }
                  - id: mail
                    type: email
                    from: [big]
                    per: { link: items }
                    subject: "Your {{ order_item.sku }}"
                    body: "Hello"
                """)).hasMessageContaining("activities[1].per.link: order_item has a composite key (order_id, line_no); one "
                + "message per record needs a one-field key, as the message log holds one secondary key per message");
    }

    @Test
    void the_entity_a_composite_key_belongs_to_is_a_target_and_its_rows_can_be_read() {
        Plan plan = check("customer", """
                id: orders
                name: Orders
                dimension: order
                activities:
                  - id: big
                    type: build-audience
                    expression: "order.items.exists(i, i.quantity > 10)"
                  - { id: buyers, type: change-dimension, from: [big], link: customer }
                """);
        assertThat(plan.order()).hasSize(2);
    }

    @Test
    void a_population_of_a_composite_key_entity_cannot_be_made_at_all() {
        Schema schema = SchemaParser.parse(SHOP.formatted("customer"), "schema.yaml");
        assertThatThrownBy(() -> Population.of(schema.entities().get("order_item")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(REASON);
    }

    private static Plan check(String dimension, String campaign) {
        Schema schema = SchemaParser.parse(SHOP.formatted(dimension), "schema.yaml");
        return new CampaignCheck(schema, new ExpressionChecker(schema), null).check(campaign, "items.yaml");
    }
}
