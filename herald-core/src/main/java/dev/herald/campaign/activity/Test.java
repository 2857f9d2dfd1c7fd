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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * {@code test}: ordered conditions on the inbound count ({@code input.count}) and {@code vars};
 * the population goes on the first branch whose condition is true, else on the default branch,
 * else the path stops.
 */
public record Test(List<Branch> conditions, String defaultBranch) implements ActivityConfig {

    /** A branch taken when {@code when} is true. */
    public record Branch(String name, String when) {
    }

    /** What a test's conditions read: {@code input.count}, the number of records arriving. */
    public static final Entity INPUT = new Entity("input",
            Map.of("count", new Field("count", FieldType.of(FieldType.Kind.LONG))), List.of("count"), List.of(), Map.of());

    private static final Spec BRANCH = Spec.of("A branch and its condition.",
            Prop.required("name", Prop.Kind.TEXT, "the branch's outbound transition"),
            Prop.required("when", Prop.Kind.CONDITION, "the condition on input.count and vars, e.g. input.count > 1000 && vars.send"));

    public static final Spec SPEC = Spec.of("Chooses a branch by conditions on the inbound count and the variables.",
            Prop.object("conditions", Prop.Kind.OBJECTS, true, "the branches, tried in order; the first true one is taken", BRANCH),
            Prop.of("default", Prop.Kind.TEXT, "the branch taken when no condition is true; without it the path stops"));

    static Test read(Options o) {
        return new Test(o.objects("conditions").stream().map(b -> new Branch(b.text("name"), b.text("when"))).toList(),
                o.text("default"));
    }

    @Override
    public List<String> outputs() {
        List<String> names = new ArrayList<>();
        conditions.forEach(b -> names.add(b.name()));
        if (defaultBranch != null) {
            names.add(defaultBranch);
        }
        return names;
    }

    @Override
    public Map<String, Population> check(Checks c) {
        if (conditions.isEmpty()) {
            c.problem(c.path() + ".conditions", "give at least one condition");
        }
        var seen = new HashSet<String>();
        for (int i = 0; i < conditions.size(); i++) {
            Branch b = conditions.get(i);
            String path = c.path() + ".conditions[" + i + "]";
            if (b.name() != null && Outputs.name(c, b.name(), path + ".name") && !seen.add(b.name())) {
                c.problem(path + ".name", Echo.quoted(b.name()) + " is named twice");
            }
            if (b.when() != null) {
                c.onEntity(b.when(), INPUT, true, path + ".when");
            }
        }
        if (defaultBranch != null && Outputs.name(c, defaultBranch, c.path() + ".default") && seen.contains(defaultBranch)) {
            c.problem(c.path() + ".default", Echo.quoted(defaultBranch) + " is already a condition's branch");
        }
        return Outputs.all(outputs(), c.inputs().isEmpty() ? Population.none() : c.inputs().get(0));
    }
}
