package dev.herald.delivery;

import dev.herald.liquid.LiquidTemplate;
import dev.herald.schema.DidYouMean;
import dev.herald.text.Echo;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The names a template reads — {@code {{ profile.first_name }}}, {@code {% if target.spend_12m > 100 %}},
 * {@code vars.discount}, in the template and in the partials it renders — checked against what a
 * message has, so that a misspelt field is an error with its line when the campaign is validated
 * instead of an empty space in every message. Names of the template's own ({@code assign},
 * {@code capture}, {@code for … in}, arguments of a partial) and Liquid's loop objects are left
 * alone; any other name is an error, a bare one ({@code {{ first_name }}}) too.
 */
public final class TemplateNames {

    /** What a template knows of its own message: {@code {{ message.id }}}, {@code {{ message.unsubscribe_url }}}, {@code {{ message.preferences_url }}}, {@code {{ message.view_online_url }}}. */
    public static final String MESSAGE = "message";
    public static final Set<String> MESSAGE_FIELDS = java.util.Collections.unmodifiableSet(new java.util.TreeSet<>(Set.of("id", "unsubscribe_url", "preferences_url", "view_online_url")));

    private TemplateNames() {
    }

    /**
     * What is wrong with the names {@code template} reads, one message each; {@code scopes} maps
     * each name a message has ({@code profile}, {@code target}, {@code vars}…) to its fields.
     */
    public static List<String> problems(MessageTemplate template, Map<String, Set<String>> scopes) {
        Set<String> problems = new LinkedHashSet<>();
        for (LiquidTemplate.Read r : template.liquid().reads()) {
            Set<String> fields = scopes.get(r.root());
            if (fields == null) {
                problems.add(r.where() + notInScope(r, scopes));
            } else if (!r.keys().isEmpty() && !fields.contains(r.keys().getFirst())) {
                problems.add(r.where() + unknown(r.root(), r.keys().getFirst(), fields));
            }
        }
        for (int line : template.liquid().partialsNamedByVariables()) {
            problems.add("line " + line + ": a partial named by a variable cannot be checked before sending; "
                    + "write its name in quotes: {% render 'footer' %}");
        }
        return List.copyOf(problems);
    }

    private static String notInScope(LiquidTemplate.Read r, Map<String, Set<String>> scopes) {
        String written = r.keys().isEmpty() ? r.root() : r.root() + "." + r.keys().getFirst();
        String hint = DidYouMean.hint(r.root(), scopes.keySet());
        if (hint.isEmpty() && r.keys().isEmpty()) {
            for (Map.Entry<String, Set<String>> scope : scopes.entrySet()) {
                if (scope.getValue().contains(r.root())) {
                    hint = " — did you mean '" + scope.getKey() + "." + r.root() + "'?";
                    break;
                }
            }
        }
        return "'" + written + "': a template reads " + String.join(", ", scopes.keySet()) + ", not " + Echo.quoted(r.root()) + hint;
    }

    private static String unknown(String scope, String name, Set<String> known) {
        String what = switch (scope) {
            case "vars" -> "the campaign has no variable " + Echo.quoted(name);
            case "target" -> "the population carries no column " + Echo.quoted(name);
            default -> scope + " has no field " + Echo.quoted(name);
        };
        String hint = DidYouMean.hint(name, known);
        String list = known.isEmpty() ? " (it has none)" : hint.isEmpty() && known.size() <= 12 ? " (" + String.join(", ", known) + ")" : "";
        return "'" + scope + "." + name + "': " + what + hint + list;
    }
}
