package dev.herald.campaign.activity;

import dev.herald.campaign.ActivityConfig;
import dev.herald.campaign.Checks;
import dev.herald.campaign.Population;
import dev.herald.campaign.config.Options;
import dev.herald.campaign.config.Prop;
import dev.herald.campaign.config.Spec;
import dev.herald.schema.Entity;
import dev.herald.schema.Field;
import dev.herald.schema.FieldType;
import dev.herald.text.Echo;
import java.util.List;
import java.util.Map;

/**
 * {@code incremental-query}: like build-audience, but only what earlier live runs did not return —
 * keys not returned before (remembered for {@code retentionDays}, 0 = forever), or records whose
 * {@code dateField} is after the latest value seen. An empty result stops the path.
 */
public record IncrementalQuery(String expression, String dimension, String by, long retentionDays, String dateField)
        implements ActivityConfig {

    public static final String KEYS = "keys";
    public static final String DATE = "date";

    public static final Spec SPEC = Spec.of("Only the records earlier runs did not return; an empty result stops the path.",
            Prop.required("expression", Prop.Kind.CONDITION, "the condition records must meet"),
            Prop.of("dimension", Prop.Kind.TEXT, "the entity to target; default: the campaign's dimension"),
            Prop.choice("by", "keys: skip keys returned before; date: only records whose date_field is after the last value seen",
                    KEYS, KEYS, DATE),
            Prop.of("retention_days", Prop.Kind.INTEGER, "by keys: how long a returned key is remembered, in days; 0 = forever")
                    .withDefault(0L),
            Prop.of("date_field", Prop.Kind.TEXT, "by date: the date or timestamp field of the dimension to compare"));

    static IncrementalQuery read(Options o) {
        return new IncrementalQuery(o.text("expression"), o.text("dimension"), o.text("by"), o.integer("retention_days", 0),
                o.text("date_field"));
    }

    @Override
    public List<String> outputs() {
        return List.of(Outputs.OUT);
    }

    @Override
    public Map<String, Population> check(Checks c) {
        Entity entity = dimension == null ? c.campaignDimension() : c.entity(dimension, c.path() + ".dimension");
        if (entity == null) {
            return Outputs.all(outputs(), Population.none());
        }
        Population p = Population.of(entity);
        if (expression != null) {
            c.onEntity(expression, entity, true, c.path() + ".expression");
        }
        if (retentionDays < 0) {
            c.problem(c.path() + ".retention_days", "must be 0 (forever) or more");
        }
        if (DATE.equals(by)) {
            Field f = dateField == null ? null : entity.fields().get(dateField);
            if (dateField == null) {
                c.problem(c.path() + ".date_field", "by date needs the date or timestamp field to compare, e.g. date_field: signup_at");
            } else if (f == null || f.type().kind() != FieldType.Kind.DATE && f.type().kind() != FieldType.Kind.TIMESTAMP) {
                c.problem(c.path() + ".date_field", Echo.quoted(dateField) + " is not a date or timestamp field of " + entity.name()
                        + dev.herald.schema.DidYouMean.hint(dateField, entity.fields().keySet()));
            }
        } else if (dateField != null) {
            c.problem(c.path() + ".date_field", "date_field is for by: date");
        }
        return Outputs.all(outputs(), p);
    }
}
