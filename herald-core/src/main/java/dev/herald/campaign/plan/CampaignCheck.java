package dev.herald.campaign.plan;

import dev.herald.campaign.Activity;
import dev.herald.campaign.Campaign;
import dev.herald.campaign.Checks;
import dev.herald.campaign.Names;
import dev.herald.campaign.Population;
import dev.herald.campaign.SavedAudience;
import dev.herald.error.Problem;
import dev.herald.campaign.ActivityConfig;
import dev.herald.campaign.activity.ActivityType;
import dev.herald.delivery.MessageTemplate;
import dev.herald.delivery.TemplateNames;
import dev.herald.delivery.TemplateTrial;
import dev.herald.delivery.Templates;
import dev.herald.expr.CheckedExpression;
import dev.herald.expr.ExpressionChecker;
import dev.herald.expr.InvalidExpressionException;
import dev.herald.schema.DidYouMean;
import dev.herald.schema.Entity;
import dev.herald.schema.Schema;
import dev.herald.text.Echo;
import java.util.ArrayDeque;
import dev.herald.compliance.ComplianceRules;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks a campaign in two layers and reports every problem with its path: first the document and
 * each activity's options, then the graph — unique ids, transitions that lead nowhere, cycles,
 * unreachable activities, the number of inbound transitions — and, in the order the activities
 * run, the population each transition carries, against which every expression is type-checked.
 */
public final class CampaignCheck {

    private final Schema schema;
    private final ExpressionChecker checker;
    private final Function<String, Optional<SavedAudience>> audiences;
    private final List<Problem> problems = new ArrayList<>();
    private final CheckedExpressions expressions = new CheckedExpressions();
    private final Templates workspace;
    private final ParsedTemplates templates;
    private final ComplianceRules compliance;

    /** {@code audiences} gives a saved audience (empty: no such audience); null when the store is not at hand. */
    public CampaignCheck(Schema schema, ExpressionChecker checker, Function<String, Optional<SavedAudience>> audiences) {
        this(schema, checker, audiences, Templates.STANDARD);
    }

    /** Checks templates with the workspace's {@code templates} (its partials and time zone). */
    public CampaignCheck(Schema schema, ExpressionChecker checker, Function<String, Optional<SavedAudience>> audiences,
                         Templates templates) {
        this(schema, checker, audiences, templates, ComplianceRules.NONE);
    }

    /** Checks deliveries' topics against the workspace's compliance rules too. */
    public CampaignCheck(Schema schema, ExpressionChecker checker, Function<String, Optional<SavedAudience>> audiences,
                         Templates templates, ComplianceRules compliance) {
        this.compliance = compliance;
        this.schema = schema;
        this.checker = checker;
        this.audiences = audiences;
        this.workspace = templates;
        this.templates = new ParsedTemplates(templates);
    }

    /** Checks a document; throws {@link InvalidCampaignException} with every problem. */
    public Plan check(String text, String source) {
        CampaignParser.Parsed parsed = CampaignParser.parse(text, source);
        problems.addAll(parsed.problems());
        Campaign campaign = parsed.campaign();
        if (campaign == null) {
            throw new InvalidCampaignException(source, problems);
        }
        Entity dimension = campaign.dimension() == null ? schema.entities().get(schema.dimension())
                : schema.entities().get(campaign.dimension());
        if (dimension == null) {
            problem("dimension", "unknown entity " + Echo.quoted(campaign.dimension())
                    + DidYouMean.hint(String.valueOf(campaign.dimension()), schema.entities().keySet()));
        } else if (Population.notATarget(dimension) != null) {
            problem("dimension", campaign.dimension() == null
                    ? "the schema's dimension " + Population.notATarget(dimension) + "; or set dimension: to another entity"
                    : Population.notATarget(dimension));
            dimension = null;
        }
        Map<String, Activity> byId = ids(campaign);
        Map<String, List<String>> inbound = transitions(campaign, byId);
        List<Activity> order = order(campaign, byId, inbound);
        Map<String, Population> populations = new HashMap<>();
        if (dimension != null && order != null) {
            reachable(campaign, byId, inbound);
            flow(campaign, dimension, order, inbound, populations);
        }
        if (!problems.isEmpty()) {
            throw new InvalidCampaignException(source, problems);
        }
        return new Plan(campaign, schema, dimension, order, inbound, populations, expressions, templates);
    }

    /**
     * The graph of a document — its activities in run order and their transitions — without
     * checking its options against the schema; throws {@link InvalidCampaignException} when the
     * document or its graph is wrong.
     */
    public static CampaignGraph graph(String text, String source) {
        CampaignCheck graphOnly = new CampaignCheck(null, null, null);
        CampaignParser.Parsed parsed = CampaignParser.parse(text, source);
        graphOnly.problems.addAll(parsed.problems());
        Campaign campaign = parsed.campaign();
        if (campaign == null) {
            throw new InvalidCampaignException(source, graphOnly.problems);
        }
        Map<String, Activity> byId = graphOnly.ids(campaign);
        Map<String, List<String>> inbound = graphOnly.transitions(campaign, byId);
        List<Activity> order = graphOnly.order(campaign, byId, inbound);
        if (!graphOnly.problems.isEmpty()) {
            throw new InvalidCampaignException(source, graphOnly.problems);
        }
        return new CampaignGraph(campaign, order, inbound);
    }

    private Map<String, Activity> ids(Campaign campaign) {
        Map<String, Activity> byId = new LinkedHashMap<>();
        for (Activity a : campaign.activities()) {
            if (a.id() == null) {
                continue;
            }
            if (!Names.valid(a.id())) {
                problem(a.path() + ".id", Names.problem("id", a.id()));
            } else if (byId.containsKey(a.id())) {
                problem(a.path() + ".id", Echo.quoted(a.id()) + " is the id of " + byId.get(a.id()).path() + " too; ids must be unique");
            } else {
                byId.put(a.id(), a);
            }
        }
        return byId;
    }

    /** Each activity's inbound transitions as {@code id.output}, every reference checked. */
    private Map<String, List<String>> transitions(Campaign campaign, Map<String, Activity> byId) {
        Map<String, List<String>> inbound = new LinkedHashMap<>();
        for (Activity a : campaign.activities()) {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < a.from().size(); i++) {
                String name = resolve(a.from().get(i), a.path() + ".from[" + i + "]", byId);
                if (name != null) {
                    if (names.contains(name)) {
                        problem(a.path() + ".from[" + i + "]", Echo.quoted(name) + " is named twice");
                    }
                    names.add(name);
                }
            }
            if (a.id() == null || byId.get(a.id()) != a) {
                continue; // its id is wrong or taken: nothing can start from it, but its own references were checked
            }
            inbound.put(a.id(), names);
            if (a.type() != null && a.config() != null) {
                ActivityType<?> type = Plan.type(a);
                int n = a.from().size();
                if (n < type.minInputs()) {
                    problem(a.path() + ".from", type.minInputs() == 1 ? a.type() + " needs an inbound transition: from: [ACTIVITY]"
                            : a.type() + " needs at least " + type.minInputs() + " inbound transitions");
                } else if (n > type.maxInputs()) {
                    problem(a.path() + ".from", a.type() + " takes at most " + type.maxInputs() + " inbound transition"
                            + (type.maxInputs() == 1 ? "" : "s") + (type.maxInputs() == 1 ? "; combine or and-join several first" : ""));
                }
            }
        }
        return inbound;
    }

    private String resolve(String ref, String path, Map<String, Activity> byId) {
        int dot = ref.indexOf('.');
        String id = dot < 0 ? ref : ref.substring(0, dot);
        Activity source = byId.get(id);
        if (source == null) {
            problem(path, "no activity " + Echo.quoted(id) + DidYouMean.hint(id, byId.keySet()));
            return null;
        }
        if (source.config() == null) {
            return dot < 0 ? id + ".out" : ref; // its options are wrong; do not pile up errors about its outputs
        }
        List<String> outputs = source.config().outputs();
        if (dot < 0) {
            if (outputs.size() == 1) {
                return source.transition(outputs.get(0));
            }
            problem(path, outputs.isEmpty() ? Echo.quoted(id) + " ends its path; nothing leaves it"
                    : Echo.quoted(id) + " has several outputs; name one: " + String.join(", ", outputs.stream().map(o -> id + "." + o).toList()));
            return null;
        }
        String output = ref.substring(dot + 1);
        if (!outputs.contains(output)) {
            problem(path, Echo.quoted(id) + " has no output " + Echo.quoted(output) + DidYouMean.hint(output, outputs)
                    + (outputs.isEmpty() ? " (it has none)" : " (outputs: " + String.join(", ", outputs) + ")"));
            return null;
        }
        return ref;
    }

    /** The activities in an order where each comes after its sources; null (with a problem) when there is a cycle. */
    private List<Activity> order(Campaign campaign, Map<String, Activity> byId, Map<String, List<String>> inbound) {
        Map<String, Integer> state = new HashMap<>();
        List<Activity> order = new ArrayList<>();
        for (Activity a : byId.values()) {
            Deque<String> path = new ArrayDeque<>();
            if (!visit(a.id(), byId, inbound, state, order, path)) {
                return null;
            }
        }
        return order;
    }

    private boolean visit(String id, Map<String, Activity> byId, Map<String, List<String>> inbound, Map<String, Integer> state,
                          List<Activity> order, Deque<String> path) {
        Integer s = state.get(id);
        if (s != null && s == 2) {
            return true;
        }
        path.addLast(id);
        if (s != null && s == 1) {
            List<String> cycle = new ArrayList<>(path);
            cycle = cycle.subList(cycle.indexOf(id), cycle.size());
            problem(byId.get(id).path() + ".from", "the transitions form a cycle: " + String.join(" ← ", cycle)
                    + "; a campaign is a graph without loops");
            return false;
        }
        state.put(id, 1);
        for (String t : inbound.getOrDefault(id, List.of())) {
            if (!visit(t.substring(0, t.indexOf('.')), byId, inbound, state, order, path)) {
                return false;
            }
        }
        state.put(id, 2);
        path.removeLast();
        order.add(byId.get(id));
        return true;
    }

    /** Every activity must be reachable from one that starts a path. */
    private void reachable(Campaign campaign, Map<String, Activity> byId, Map<String, List<String>> inbound) {
        Set<String> reached = new HashSet<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Activity a : byId.values()) {
                if (reached.contains(a.id()) || a.type() == null) {
                    continue;
                }
                List<String> from = inbound.getOrDefault(a.id(), List.of());
                // an activity whose inbound references are wrong has its own error: what follows it is not unreachable too
                boolean starts = a.from().isEmpty() && Plan.type(a).startsPaths()
                        || inbound.getOrDefault(a.id(), List.of()).size() != a.from().size();
                boolean fed = !from.isEmpty() && from.stream().anyMatch(t -> reached.contains(t.substring(0, t.indexOf('.'))));
                if (starts || fed) {
                    reached.add(a.id());
                    grew = true;
                }
            }
        }
        for (Activity a : byId.values()) {
            if (!reached.contains(a.id()) && a.type() != null && !a.from().isEmpty()
                    && inbound.getOrDefault(a.id(), List.of()).size() == a.from().size()) {
                problem(a.path(), Echo.quoted(a.id()) + " is unreachable: no path leads to it from an activity that starts one "
                        + "(build-audience, incremental-query, load-file, scheduler)");
            }
        }
    }

    /** In run order, each activity's checks against what arrives, and the populations it gives. */
    private void flow(Campaign campaign, Entity dimension, List<Activity> order, Map<String, List<String>> inbound,
                      Map<String, Population> populations) {
        Set<String> unknown = new HashSet<>();
        for (Activity a : order) {
            List<String> from = inbound.getOrDefault(a.id(), List.of());
            boolean known = a.config() != null && from.size() == a.from().size() && from.stream().noneMatch(unknown::contains)
                    && from.stream().allMatch(populations::containsKey);
            if (!known) {
                if (a.config() != null) {
                    a.config().outputs().forEach(o -> unknown.add(a.transition(o)));
                }
                continue;
            }
            ActivityConfig config = a.config();
            List<Population> inputs = from.stream().map(populations::get).toList();
            Map<String, Population> outputs = config.check(new ActivityChecks(campaign, dimension, a, from, inputs));
            for (String o : config.outputs()) {
                populations.put(a.transition(o), outputs.getOrDefault(o, Population.none()));
            }
        }
    }

    private void problem(String path, String message) {
        problems.add(new Problem(path, message));
    }

    /** The checks of one activity. */
    private final class ActivityChecks implements Checks {
        private final Campaign campaign;
        private final Entity dimension;
        private final Activity activity;
        private final List<String> inputNames;
        private final List<Population> inputs;

        ActivityChecks(Campaign campaign, Entity dimension, Activity activity, List<String> inputNames, List<Population> inputs) {
            this.campaign = campaign;
            this.dimension = dimension;
            this.activity = activity;
            this.inputNames = inputNames;
            this.inputs = inputs;
        }

        @Override
        public Schema schema() {
            return schema;
        }

        @Override
        public ComplianceRules compliance() {
            return compliance;
        }

        @Override
        public Entity campaignDimension() {
            return dimension;
        }

        @Override
        public String path() {
            return activity.path();
        }

        @Override
        public List<Population> inputs() {
            return inputs;
        }

        @Override
        public List<String> inputNames() {
            return inputNames;
        }

        @Override
        public java.util.Set<String> variables() {
            return campaign.variables().keySet();
        }

        @Override
        public void problem(String path, String message) {
            CampaignCheck.this.problem(path, message);
        }

        @Override
        public CheckedExpression condition(String text, Population population, String path) {
            return expression(text, population.expressionDimension(), population.expressionTarget(), true, path);
        }

        @Override
        public CheckedExpression value(String text, Population population, String path) {
            return expression(text, population.expressionDimension(), population.expressionTarget(), false, path);
        }

        @Override
        public CheckedExpression onEntity(String text, Entity entity, boolean condition, String path) {
            return expression(text, entity, null, condition, path);
        }

        private CheckedExpression expression(String text, Entity on, Entity target, boolean condition, String path) {
            try {
                CheckedExpression e = condition ? checker.check(text, on, target) : checker.checkValue(text, on, target);
                expressions.add(condition, text, on, target, e);
                for (String v : e.variables()) {
                    if (!campaign.variables().containsKey(v)) {
                        problem(path, "vars." + v + " is not a variable of the campaign"
                                + DidYouMean.hint(v, campaign.variables().keySet()) + "; declare it with a default under variables");
                    }
                }
                return e;
            } catch (InvalidExpressionException e) {
                problem(path, e.getMessage());
                return null;
            }
        }

        @Override
        public MessageTemplate template(String text, Map<String, Set<String>> scopes, String path) {
            MessageTemplate t;
            try {
                t = workspace.parse(text);
            } catch (IllegalArgumentException e) {
                problem(path, e.getMessage());
                return null;
            }
            List<String> names = TemplateNames.problems(t, scopes);
            names.forEach(problem -> problem(path, problem));
            if (names.isEmpty()) {
                TemplateTrial.problem(t, scopes, workspace.zone()).ifPresent(problem -> problem(path, problem));
            }
            templates.add(t);
            return t;
        }

        @Override
        public Optional<SavedAudience> savedAudience(String name) {
            return audiences == null ? null : audiences.apply(name);
        }

        @Override
        public Entity entity(String name, String path) {
            Entity e = schema.entities().get(name);
            if (e == null) {
                problem(path, "unknown entity " + Echo.quoted(name) + DidYouMean.hint(name, schema.entities().keySet())
                        + " (entities: " + String.join(", ", schema.entities().keySet()) + ")");
            } else if (Population.notATarget(e) != null) {
                problem(path, Population.notATarget(e));
                return null;
            }
            return e;
        }
    }
}
