package dev.herald.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RetailSchemaTest {

    private static final Path RETAIL = Path.of("../examples/retail/schema.yaml");

    @Test
    void the_retail_example_schema_parses() {
        Schema schema = SchemaParser.parse(RETAIL);

        assertThat(schema.entities()).containsOnlyKeys(
                "profile", "product", "store", "purchase", "booking", "push_device", "web_event");
        assertThat(schema.dimension()).isEqualTo("profile");
        assertThat(schema.channels()).containsOnlyKeys("email", "sms", "push");
        assertThat(schema.channels().get("push")).isEqualTo(new Schema.Channel("push",
                new Schema.FieldPath("push_device", "token"), new Schema.FieldPath("profile", "push_consent")));
        assertThat(schema.channels().get("email").consent()).isEqualTo(new Schema.FieldPath("profile", "email_consent"));
    }

    @Test
    void a_profile_has_many_purchases_through_the_purchase_profile_link() {
        Schema schema = SchemaParser.parse(RETAIL);

        Link purchases = schema.entities().get("profile").links().get("purchases");
        assertThat(purchases.isToMany()).isTrue();
        assertThat(purchases.target()).isEqualTo("purchase");
        assertThat(purchases.inverse()).isEqualTo("profile");

        Link back = schema.entities().get("purchase").links().get("profile");
        assertThat(back.isToMany()).isFalse();
        assertThat(back.field()).isEqualTo("profile_id");
    }

    @Test
    void field_types_keep_their_spelling() {
        Entity profile = SchemaParser.parse(RETAIL).entities().get("profile");

        assertThat(profile.key()).containsExactly("id");
        assertThat(profile.fields().get("lifetime_value").type()).isEqualTo(FieldType.decimal(12, 2));
        assertThat(profile.fields().get("signup_at").type().spelling()).isEqualTo("timestamp");
        assertThat(profile.indexes()).containsExactly(java.util.List.of("email"), java.util.List.of("country", "city"));
    }
}
