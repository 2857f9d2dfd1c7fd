package dev.herald.campaign;

import dev.herald.campaign.plan.CampaignParser;
import dev.herald.campaign.plan.CampaignSchema;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.campaign.activity.ActivityType;
import dev.herald.campaign.activity.ActivityTypes;
import dev.herald.campaign.config.Prop;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The shipped JSON Schema and the activity reference are generated from, and checked against, the option specs. */
class CampaignSchemaTest {

    @Test
    void the_shipped_json_schema_is_the_one_the_code_generates() throws IOException {
        Path shipped = Path.of("../docs/campaign.schema.json");
        assertThat(Files.readString(shipped)).as("regenerate it: ./herald campaign json-schema > docs/campaign.schema.json")
                .isEqualTo(CampaignSchema.json());
    }

    @Test
    void every_activity_type_has_a_definition_that_allows_exactly_its_options() throws IOException {
        JsonNode schema = new ObjectMapper().readTree(CampaignSchema.json());
        for (ActivityType<?> type : ActivityTypes.all().values()) {
            JsonNode def = schema.path("$defs").path(type.id());
            assertThat(def.path("additionalProperties").asBoolean(true)).as(type.id()).isFalse();
            for (Prop p : type.spec().props()) {
                assertThat(def.path("properties").has(p.name())).as(type.id() + "." + p.name()).isTrue();
            }
            assertThat(def.path("properties").path("type").path("const").asText()).isEqualTo(type.id());
        }
    }

    @Test
    void no_activity_type_has_an_option_named_like_one_every_activity_has() {
        for (ActivityType<?> type : ActivityTypes.all().values()) {
            for (Prop p : type.spec().props()) {
                assertThat(CampaignParser.ACTIVITY.prop(p.name())).as(type.id() + "." + p.name()).isEmpty();
            }
        }
    }

    @Test
    void the_activity_reference_documents_every_type_and_every_option() throws IOException {
        String doc = Files.readString(Path.of("../docs/activities.md"));
        for (ActivityType<?> type : ActivityTypes.all().values()) {
            int at = doc.indexOf("\n## " + type.id() + "\n");
            assertThat(at).as("a section '## %s' in docs/activities.md", type.id()).isGreaterThanOrEqualTo(0);
            int end = doc.indexOf("\n## ", at + 1);
            String section = doc.substring(at, end < 0 ? doc.length() : end);
            for (Prop p : type.spec().props()) {
                assertThat(section).as("docs/activities.md, %s, option %s", type.id(), p.name()).contains("`" + p.name() + "`");
            }
            assertThat(section).as("an example for %s", type.id()).contains("```yaml");
        }
    }
}
