package dev.herald.campaign.activity;

import dev.herald.campaign.ActivityConfig;
import dev.herald.campaign.Checks;
import dev.herald.campaign.Population;
import dev.herald.campaign.config.Options;
import dev.herald.campaign.config.Prop;
import dev.herald.campaign.config.Spec;
import dev.herald.schema.DidYouMean;
import dev.herald.schema.Entity;
import dev.herald.text.Echo;
import java.util.List;
import java.util.Map;

/**
 * {@code update-data}: inserts, updates, upserts or deletes records of an entity from the
 * population, with each field set from a value ({@code fields: { loyalty_tier: "\"gold\"" }}). On a
 * population of the entity itself the key is the worktable's; otherwise the fields must set the
 * key. Rows that cannot apply (the key is taken, the record is missing, the key is empty) go on
 * {@code rejects} when asked.
 */
public record UpdateData(String entity, String operation, Map<String, String> fields, boolean rejects) implements ActivityConfig {

    public static final String INSERT = "insert";
    public static final String UPDATE = "update";
    public static final String UPSERT = "upsert";
    public static final String DELETE = "delete";
    public static final String REJECTS = "rejects";

    public static final Spec SPEC = Spec.of("Inserts, updates, upserts or deletes records of an entity from the population.",
            Prop.choice("operation", "what to do with each record", null, INSERT, UPDATE, UPSERT, DELETE).asRequired(),
            Prop.of("entity", Prop.Kind.TEXT, "the entity to change; default: the population's dimension"),
            Prop.of("fields", Prop.Kind.NAMED_VALUES, "field → its new value, e.g. loyalty_tier: '\"lapsed\"' or last_contact_at: now"),
            Prop.of("rejects", Prop.Kind.BOOLEAN, "give the rows that could not apply on the transition 'rejects'"));

    static UpdateData read(Options o) {
        return new UpdateData(o.text("entity"), o.text("operation"), o.namedTexts("fields"), o.flag("rejects"));
    }

    @Override
    public List<String> outputs() {
        return rejects ? List.of(Outputs.OUT, REJECTS) : List.of(Outputs.OUT);
    }

    /** Whether the population holds records of the changed entity, so that its key is the worktable's. */
    public static boolean sameEntity(Population p, Entity target) {
        return p.isRecords() && p.dimension().name().equals(target.name());
    }

    @Override
    public Map<String, Population> check(Checks c) {
        Population p = Outputs.rows(c, true);
        if (!p.hasRows()) {
            return Outputs.all(outputs(), p);
        }
        Entity target = entity != null ? c.entity(entity, c.path() + ".entity")
                : p.isRecords() ? p.dimension() : null;
        if (target == null) {
            if (entity == null) {
                c.problem(c.path() + ".entity", "name the entity to change (the population holds file rows)");
            }
            return Outputs.all(outputs(), p);
        }
        if (operation != null && !DELETE.equals(operation) && fields.isEmpty()) {
            c.problem(c.path() + ".fields", "name the fields to set, e.g. fields: { loyalty_tier: '\"gold\"' }");
        }
        boolean keyed = sameEntity(p, target);
        fields.forEach((field, value) -> {
            String path = c.path() + ".fields." + field;
            if (!target.fields().containsKey(field)) {
                c.problem(path, Echo.quoted(field) + " is not a field of " + target.name() + DidYouMean.hint(field, target.fields().keySet()));
            } else if (keyed && target.isKey(field)) {
                c.problem(path, "the key of " + target.name() + " comes from the population; do not set it");
            }
            c.value(value, p, path);
        });
        if (!keyed) {
            for (String k : target.key()) {
                if (!fields.containsKey(k)) {
                    c.problem(c.path() + ".fields", "the population holds " + (p.isRecords() ? p.dimension().name() + " records" : "file rows")
                            + "; set the key of " + target.name() + " too: fields: { " + k + ": … }");
                }
            }
        }
        return Outputs.all(outputs(), p);
    }
}
