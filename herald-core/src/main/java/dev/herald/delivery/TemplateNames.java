package dev.herald.delivery;

import dev.herald.schema.DidYouMean;
import dev.herald.text.Echo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names a template reads — {@code {{ profile.first_name }}}, {@code {% if target.spend_12m > 100 %}},
 * {@code vars.discount} — checked against what a message has, so that a misspelt field is an error
 * when the campaign is validated instead of an empty space in every message. Names of the
 * template's own ({@code assign}, {@code capture}, {@code for … in}) and Liquid's loop objects are
 * left alone; a bare name ({@code {{ first_name }}}) is not checked.
 */
public final class TemplateNames {

    private static final Pattern VERBATIM = Pattern.compile(
            "\\{%-?\\s*(raw|comment)\\s*-?%}.*?\\{%-?\\s*end\\1\\s*-?%}", Pattern.DOTALL);
    private static final Pattern MARKUP = Pattern.compile("\\{\\{(.*?)}}|\\{%(.*?)%}", Pattern.DOTALL);
    private static final Pattern TEXT = Pattern.compile("\"[^\"]*\"|'[^']*'");
    private static final Pattern LOCAL = Pattern.compile(
            "^-?\\s*(?:(?:assign|capture|increment|decrement)\\s+([A-Za-z_][\\w-]*)|(?:for|tablerow)\\s+([A-Za-z_][\\w-]*)\\s+in\\b)");
    private static final Pattern REFERENCE = Pattern.compile("(?<![\\w.\\]])([A-Za-z_][\\w-]*)\\s*\\.\\s*([A-Za-z_][\\w-]*)");
    private static final Set<String> LIQUID_OBJECTS = Set.of("forloop", "tablerowloop");

    private TemplateNames() {
    }

    /**
     * What is wrong with the names {@code template} reads, one message each; {@code scopes} maps
     * each name a message has ({@code profile}, {@code target}, {@code vars}…) to its fields.
     */
    public static List<String> problems(String template, Map<String, Set<String>> scopes) {
        List<String> markup = new ArrayList<>();
        Matcher m = MARKUP.matcher(VERBATIM.matcher(template).replaceAll(""));
        while (m.find()) {
            boolean tag = m.group(2) != null;
            String inside = TEXT.matcher(tag ? m.group(2) : m.group(1)).replaceAll("''");
            markup.add((tag ? "%" : "{") + inside);
        }
        Set<String> locals = new HashSet<>(LIQUID_OBJECTS);
        for (String part : markup) {
            Matcher local = LOCAL.matcher(part.substring(1));
            if (part.startsWith("%") && local.find()) {
                locals.add(local.group(1) != null ? local.group(1) : local.group(2));
            }
        }
        Set<String> problems = new LinkedHashSet<>();
        for (String part : markup) {
            Matcher ref = REFERENCE.matcher(part.substring(1));
            while (ref.find()) {
                String scope = ref.group(1);
                String name = ref.group(2);
                if (locals.contains(scope)) {
                    continue;
                }
                Set<String> fields = scopes.get(scope);
                if (fields == null) {
                    problems.add("'" + scope + "." + name + "': a template reads " + String.join(", ", scopes.keySet())
                            + ", not " + Echo.quoted(scope) + DidYouMean.hint(scope, scopes.keySet()));
                } else if (!fields.contains(name)) {
                    problems.add(unknown(scope, name, fields));
                }
            }
        }
        return List.copyOf(problems);
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
