package dev.herald.campaign.plan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.campaign.Activity;
import dev.herald.campaign.ActivityConfig;
import dev.herald.campaign.Campaign;
import dev.herald.campaign.ErrorPolicy;
import dev.herald.campaign.Names;
import dev.herald.campaign.Schedule;
import dev.herald.error.Problem;
import dev.herald.campaign.activity.ActivityType;
import dev.herald.campaign.activity.ActivityTypes;
import dev.herald.campaign.config.OptionReader;
import dev.herald.campaign.config.Options;
import dev.herald.campaign.config.Prop;
import dev.herald.campaign.config.Spec;
import dev.herald.schema.DidYouMean;
import dev.herald.text.Echo;
import dev.herald.yaml.InvalidYamlException;
import dev.herald.yaml.YamlReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a campaign document — YAML, or the same document as JSON — strictly: unknown and duplicate
 * keys are errors, and every problem is collected with its path instead of stopping at the first.
 */
public final class CampaignParser {

    private static final Spec ON_ERROR = Spec.of("What a run does when an activity fails.",
            Prop.choice("policy", "suspend: wait to be resumed after a fix; ignore: end the failed path and go on; abort: end the run",
                    "suspend", "suspend", "ignore", "abort"),
            Prop.of("max_consecutive", Prop.Kind.INTEGER, "ignore: after this many failures in a row the run is suspended")
                    .withDefault(3L));

    /** The options of a campaign document. */
    public static final Spec CAMPAIGN = Spec.of("A campaign: a graph of activities joined by transitions.",
            Prop.required("id", Prop.Kind.TEXT, "the campaign's stable id: lower-case letters, digits and '_'"),
            Prop.required("name", Prop.Kind.TEXT, "a name for people"),
            Prop.of("description", Prop.Kind.TEXT, "what it is for"),
            Prop.of("dimension", Prop.Kind.TEXT, "the entity it targets by default; default: the schema's dimension"),
            Prop.of("variables", Prop.Kind.NAMED_SCALARS, "variables and their defaults, read as vars.NAME; a run may set them (--var)"),
            Prop.object("schedule", Prop.Kind.OBJECT, false, "when runs start (herald campaign schedule --preview shows the next ones)",
                    Schedule.SPEC),
            Prop.object("on_error", Prop.Kind.OBJECT, false, "what a run does when an activity fails; default: suspend", ON_ERROR),
            Prop.of("supervisors", Prop.Kind.TEXTS, "who alerts go to, e.g. [crm-team@example.com]"),
            Prop.required("activities", Prop.Kind.OBJECTS, "the activities"));

    /** The campaign's own options, read before its activities. */
    static final Spec HEADER = new Spec(CAMPAIGN.description(),
            CAMPAIGN.props().stream().filter(p -> !p.name().equals("activities")).toList());

    /** The options every activity has, beside those of its type. */
    public static final Spec ACTIVITY = Spec.of("An activity.",
            Prop.required("id", Prop.Kind.TEXT, "the activity's stable id, unique in the campaign"),
            new Prop("type", Prop.Kind.CHOICE, true, "the kind of activity", List.copyOf(ActivityTypes.all().keySet()), null, null),
            Prop.of("label", Prop.Kind.TEXT, "a name for people"),
            Prop.of("description", Prop.Kind.TEXT, "what it is for"),
            Prop.of("from", Prop.Kind.TEXTS, "the inbound transitions: an activity's id (its only output) or id.output, e.g. [split.gold]"),
            Prop.of("disabled", Prop.Kind.BOOLEAN, "skip this activity: its path ends here"),
            Prop.of("breakpoint", Prop.Kind.BOOLEAN, "pause every run before this activity"));

    private final List<Problem> problems = new ArrayList<>();
    private final OptionReader reader = new OptionReader(problems);

    private CampaignParser() {
    }

    /** What reading found: the campaign (whose activities' configs are null where options were wrong) and the problems. */
    public record Parsed(Campaign campaign, List<Problem> problems) {
    }

    public static Parsed parse(String text, String source) {
        return new CampaignParser().read(text, source);
    }

    private Parsed read(String text, String source) {
        JsonNode root;
        try {
            root = text.stripLeading().startsWith("{") ? YamlReader.readJson(text, source) : YamlReader.read(text, source);
        } catch (InvalidYamlException e) {
            problems.add(new Problem(e.where(), e.problem()));
            return new Parsed(null, problems);
        }
        if (root == null || !root.isObject()) {
            problems.add(new Problem("(document)", "a campaign is a mapping with id, name and activities"));
            return new Parsed(null, problems);
        }
        Options top = reader.read(root, HEADER, "", Set.of("activities"));
        String id = top.text("id");
        if (id != null && !Names.valid(id)) {
            problems.add(new Problem("id", Names.problem("id", id)));
        }
        Schedule schedule = top.object("schedule") == null ? null : Schedule.read(top.object("schedule"), this::problem);
        ErrorPolicy onError = ErrorPolicy.DEFAULT;
        Options e = top.object("on_error");
        if (e != null && e.text("policy") != null) {
            onError = new ErrorPolicy(ErrorPolicy.Policy.valueOf(e.text("policy").toUpperCase(Locale.ROOT)), e.integer("max_consecutive", 3));
            if (onError.maxConsecutive() < 1) {
                problem(e.path("max_consecutive"), "must be 1 or more");
            }
        }
        List<Activity> activities = new ArrayList<>();
        JsonNode list = root.get("activities");
        if (list == null || !list.isArray()) {
            problem("activities", list == null ? "required: the activities, a list" : "expected a list of activities");
        } else {
            if (list.isEmpty()) {
                problem("activities", "a campaign needs at least one activity");
            }
            for (int i = 0; i < list.size(); i++) {
                Activity a = activity(list.get(i), "activities[" + i + "]");
                if (a != null) {
                    activities.add(a);
                }
            }
        }
        Campaign campaign = new Campaign(id, top.text("name"), top.text("description"), top.text("dimension"),
                top.namedScalars("variables"), schedule, onError, top.texts("supervisors"), activities);
        return new Parsed(campaign, problems);
    }

    private Activity activity(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            problem(path, "an activity is a mapping with id, type and its options");
            return null;
        }
        JsonNode typeNode = node.get("type");
        ActivityType<?> type = typeNode == null || !typeNode.isTextual() ? null : ActivityTypes.find(typeNode.asText()).orElse(null);
        Spec spec = type == null ? ACTIVITY : ACTIVITY.plus(type.spec().props());
        String types = String.join(", ", ActivityTypes.all().keySet());
        if (typeNode == null || typeNode.isNull()) {
            problem(path, "type is missing; one of: " + types);
        } else if (!typeNode.isTextual()) {
            problem(path + ".type", "expected the name of an activity type, one of: " + types);
        } else if (type == null) {
            problem(path + ".type", "unknown activity type " + Echo.quoted(typeNode.asText())
                    + DidYouMean.hint(typeNode.asText(), ActivityTypes.all().keySet()) + " (types: " + types + ")");
        }
        int before = problems.size();
        // with an unknown type, only the common options can be told apart from mistakes
        Options o = reader.read(node, type == null ? withoutType(spec) : spec, path,
                type == null ? fieldNames(node) : Set.of());
        ActivityConfig config = null;
        if (type != null) {
            ActivityConfig read = type.reader().read(o, this::problem);
            config = problems.size() == before ? read : null;
        }
        return new Activity(o.text("id"), type == null ? null : type.id(), o.text("label"), o.texts("from"), o.flag("disabled"),
                o.flag("breakpoint"), config, path);
    }

    private static Spec withoutType(Spec spec) {
        return new Spec(spec.description(), spec.props().stream().filter(p -> !p.name().equals("type")).toList());
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new java.util.HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private void problem(String path, String message) {
        problems.add(new Problem(path, message));
    }
}
