package dev.herald.campaign.activity;

import dev.herald.campaign.ActivityConfig;
import dev.herald.campaign.Checks;
import dev.herald.campaign.Population;
import dev.herald.campaign.config.Options;
import dev.herald.campaign.config.Prop;
import dev.herald.campaign.config.Spec;
import dev.herald.schema.DidYouMean;
import dev.herald.schema.Link;
import dev.herald.text.Echo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code combine}: the union, intersection or exclusion of the inbound populations. Records are
 * matched on their key, or on chosen values ({@code reconcile}); the result keeps the primary
 * set's columns. An exclusion (or intersection) may use a set of another dimension through a
 * many-to-one link of that set ({@code through: { bookings.out: profile }}).
 */
public record Combine(String operation, String primary, List<String> reconcile, boolean complement,
                      Map<String, String> through) implements ActivityConfig {

    public static final String UNION = "union";
    public static final String INTERSECTION = "intersection";
    public static final String EXCLUSION = "exclusion";

    public static final Spec SPEC = Spec.of("The union, intersection or exclusion of the inbound populations.",
            Prop.choice("operation", "how the sets combine", null, UNION, INTERSECTION, EXCLUSION).asRequired(),
            Prop.of("primary", Prop.Kind.TEXT, "the inbound transition whose records (and columns) the result keeps and, "
                    + "for an exclusion, the set the others are taken out of; default: the first in 'from'"),
            Prop.of("reconcile", Prop.Kind.VALUES, "match records on these values (e.g. profile.email) instead of their keys"),
            Prop.of("complement", Prop.Kind.BOOLEAN, "also give what the operation left out, on the transition 'complement' "
                    + "(intersection: records of the union not in all sets; exclusion: the primary records taken out)"),
            Prop.of("through", Prop.Kind.NAMED_TEXTS, "for a set of another dimension: inbound transition → its many-to-one "
                    + "link to the primary dimension (e.g. bookings.out: profile)"));

    static Combine read(Options o) {
        return new Combine(o.text("operation"), o.text("primary"), o.texts("reconcile"), o.flag("complement"),
                o.namedTexts("through"));
    }

    @Override
    public List<String> outputs() {
        return complement ? List.of(Outputs.OUT, Outputs.COMPLEMENT) : List.of(Outputs.OUT);
    }

    /** The index of the primary set among the inbound transitions. */
    public int primaryIndex(List<String> inbound) {
        return Math.max(0, Outputs.indexOf(inbound, primary));
    }

    /** The link a set of another dimension is matched through, or null. */
    public String linkOf(List<String> inbound, int index) {
        for (var e : through.entrySet()) {
            if (Outputs.indexOf(inbound, e.getKey()) == index) {
                return e.getValue();
            }
        }
        return null;
    }

    @Override
    public Map<String, Population> check(Checks c) {
        List<Population> inputs = c.inputs();
        if (inputs.isEmpty()) {
            return Outputs.all(outputs(), Population.none());
        }
        if (operation != null && !UNION.equals(operation) && inputs.size() < 2) {
            c.problem(c.path() + ".from", "an " + operation + " needs at least two inbound transitions");
        }
        if (primary != null && Outputs.indexOf(c.inputNames(), primary) < 0) {
            c.problem(c.path() + ".primary", Echo.quoted(primary) + " is not an inbound transition of this activity"
                    + DidYouMean.hint(primary, c.inputNames()) + " (from: " + String.join(", ", c.inputNames()) + ")");
        }
        if (complement && UNION.equals(operation)) {
            c.problem(c.path() + ".complement", "a union leaves nothing out: it has no complement");
        }
        int p = primaryIndex(c.inputNames());
        Population main = inputs.get(p);
        List<String> names = new ArrayList<>(through.keySet());
        for (String name : names) {
            if (Outputs.indexOf(c.inputNames(), name) < 0) {
                c.problem(c.path() + ".through." + name, Echo.quoted(name) + " is not an inbound transition of this activity"
                        + DidYouMean.hint(name, c.inputNames()));
            }
        }
        for (int i = 0; i < inputs.size(); i++) {
            Population in = inputs.get(i);
            String name = c.inputNames().get(i);
            if (!in.isRecords()) {
                c.problem(c.path() + ".from", Echo.quoted(name) + " carries " + in.describe() + "; combine needs records of a dimension");
                continue;
            }
            String linkName = linkOf(c.inputNames(), i);
            if (!main.isRecords() || in.dimension().name().equals(main.dimension().name())) {
                if (linkName != null) {
                    c.problem(c.path() + ".through." + name, Echo.quoted(name) + " already holds " + main.dimension().name() + " records");
                }
                continue;
            }
            if (linkName == null) {
                c.problem(c.path() + ".from", Echo.quoted(name) + " holds " + in.dimension().name() + " records and " + Echo.quoted(c.inputNames().get(p))
                        + " " + main.dimension().name() + " records; name the link between them: through: { " + name + ": LINK }");
                continue;
            }
            if (UNION.equals(operation)) {
                c.problem(c.path() + ".through", "a union keeps one dimension; change the other set's dimension first");
            }
            Link link = in.dimension().links().get(linkName);
            if (link == null || link.isToMany() || !link.target().equals(main.dimension().name())) {
                c.problem(c.path() + ".through." + name, Echo.quoted(linkName) + " is not a many-to-one link from " + in.dimension().name()
                        + " to " + main.dimension().name() + DidYouMean.hint(linkName, in.dimension().links().keySet()));
            }
        }
        if (!reconcile.isEmpty() && !through.isEmpty()) {
            c.problem(c.path() + ".reconcile", "match either on values (reconcile) or through a link, not both");
        }
        for (int r = 0; r < reconcile.size(); r++) {
            for (int i = 0; i < inputs.size(); i++) {
                if (inputs.get(i).isRecords()) {
                    c.value(reconcile.get(r), inputs.get(i), c.path() + ".reconcile[" + r + "]");
                }
            }
        }
        boolean unique = inputs.stream().allMatch(Population::unique);
        return Outputs.all(outputs(), UNION.equals(operation) && !unique ? main.withRepeatedKeys() : main);
    }
}
