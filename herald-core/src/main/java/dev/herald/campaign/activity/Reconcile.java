package dev.herald.campaign.activity;

import dev.herald.campaign.ActivityConfig;
import dev.herald.campaign.Checks;
import dev.herald.campaign.Population;
import dev.herald.campaign.config.Options;
import dev.herald.campaign.config.Prop;
import dev.herald.campaign.config.Spec;
import dev.herald.schema.DidYouMean;
import dev.herald.schema.Entity;
import dev.herald.schema.FieldType;
import dev.herald.text.Echo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code reconcile}: links a file's rows to records of a dimension whose fields equal the rows'
 * values ({@code match: { email: target.email.lowerAscii() }}). A row matching several records
 * takes the one with the lowest key. Rows matching none leave the population, go on
 * {@code unreconciled} ({@code complement}), or stay with an empty key ({@code keep_unreconciled}).
 */
public record Reconcile(String dimension, Map<String, String> match, boolean keepUnreconciled, boolean complement)
        implements ActivityConfig {

    public static final String UNRECONCILED = "unreconciled";

    public static final Spec SPEC = Spec.of("Links a file's rows to records of a dimension by matching values.",
            Prop.of("dimension", Prop.Kind.TEXT, "the entity to link to; default: the campaign's dimension"),
            Prop.required("match", Prop.Kind.NAMED_VALUES, "field of the dimension → the row's value it must equal, e.g. email: target.email"),
            Prop.of("keep_unreconciled", Prop.Kind.BOOLEAN, "keep rows that match no record in the result, with an empty key"),
            Prop.of("complement", Prop.Kind.BOOLEAN, "give the rows that match no record on the transition 'unreconciled'"));

    static Reconcile read(Options o) {
        return new Reconcile(o.text("dimension"), o.namedTexts("match"), o.flag("keep_unreconciled"), o.flag("complement"));
    }

    @Override
    public List<String> outputs() {
        return complement ? List.of(Outputs.OUT, UNRECONCILED) : List.of(Outputs.OUT);
    }

    @Override
    public Map<String, Population> check(Checks c) {
        Population in = c.inputs().isEmpty() ? Population.none() : c.inputs().get(0);
        if (!c.inputs().isEmpty() && in.kind() != Population.Kind.FILE) {
            c.problem(c.path() + ".from", Echo.quoted(c.inputNames().get(0)) + " carries " + in.describe() + "; reconcile links file rows");
        }
        Entity entity = dimension == null ? c.campaignDimension() : c.entity(dimension, c.path() + ".dimension");
        if (entity == null || in.kind() != Population.Kind.FILE) {
            return Outputs.all(outputs(), Population.none());
        }
        if (match.isEmpty()) {
            c.problem(c.path() + ".match", "name at least one field to match, e.g. email: target.email");
        }
        match.forEach((field, value) -> {
            String path = c.path() + ".match." + field;
            if (!entity.fields().containsKey(field)) {
                c.problem(path, Echo.quoted(field) + " is not a field of " + entity.name() + DidYouMean.hint(field, entity.fields().keySet()));
            }
            c.value(value, in, path);
        });
        Population out = Population.of(entity);
        Map<String, FieldType> carried = new LinkedHashMap<>(in.columns());
        for (String n : carried.keySet()) {
            if (out.columns().containsKey(n)) {
                c.problem(c.path(), "the file column " + Echo.quoted(n) + " would clash with the key of " + entity.name() + "; rename it in load-file");
            }
        }
        // two rows of the file may match the same record (and unreconciled rows kept share an empty key)
        Map<String, Population> result = Outputs.all(outputs(), out.with(carried).withRepeatedKeys());
        if (complement) {
            result.put(UNRECONCILED, in);
        }
        return result;
    }
}
