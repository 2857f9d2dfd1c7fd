package dev.herald.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Says what a YAML or JSON parser's error means in words a marketer understands ("line 3, column 1:
 * a tab; indent YAML with spaces") instead of the parser's ("while scanning for the next token"),
 * and never quotes the line it read.
 */
final class YamlProblems {

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'");

    private YamlProblems() {
    }

    static InvalidYamlException of(JsonProcessingException e, String shown) {
        if (e.getCause() instanceof MarkedYAMLException marked) {
            return yaml(marked, shown);
        }
        String message = e.getOriginalMessage() == null ? "not valid YAML" : e.getOriginalMessage().lines().findFirst().orElse("");
        JsonLocation at = e.getLocation();
        long line = at == null ? 0 : Math.max(0, at.getLineNr());
        long column = at == null ? 0 : Math.max(0, at.getColumnNr());
        Matcher dup = DUPLICATE.matcher(message);
        if (dup.find()) {
            return new InvalidYamlException(shown, line, column, "duplicate key '" + dup.group(1)
                    + "': a key may appear only once in a mapping");
        }
        if (e instanceof StreamConstraintsException) {
            return new InvalidYamlException(shown, line, 0, "a value longer than " + String.format("%,d", YamlReader.MAX_VALUE)
                    + " characters or a document larger than 1 MB; values are limited to " + String.format("%,d", YamlReader.MAX_VALUE));
        }
        // a JSON parser's message quotes at most the token it stopped at
        return new InvalidYamlException(shown, line, column, message.replaceAll(" at \\[Source.*", ""));
    }

    private static InvalidYamlException yaml(MarkedYAMLException e, String shown) {
        String problem = e.getProblem() == null ? "" : e.getProblem();
        String context = e.getContext() == null ? "" : e.getContext();
        Mark at = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        Mark opened = e.getContextMark() != null ? e.getContextMark() : at;
        if (problem.contains("\\t(TAB)") || problem.contains("\t")) {
            return at(shown, at, true, "a tab; indent YAML with spaces");
        }
        if (context.contains("flow mapping")) {
            return at(shown, opened, false, "a '{' is never closed (or a ',' is missing between its entries)");
        }
        if (context.contains("flow sequence")) {
            return at(shown, opened, false, "a '[' is never closed (or a ',' is missing between its items)");
        }
        if (context.contains("quoted scalar")) {
            return at(shown, opened, true, problem.contains("escape") ? "a backslash escape that YAML does not know inside "
                    + "double quotes; write \\\\ for a backslash, or use single quotes"
                    : "a quote is never closed; end the text with the same quote it starts with");
        }
        if (problem.contains("mapping values are not allowed")) {
            return at(shown, at, true, "a ': ' inside a value; put the value in quotes");
        }
        if (context.contains("simple key") && problem.contains("expected ':'")) {
            return at(shown, opened, false, "a line that is neither 'key: value' nor a list item '- …'; check the indentation");
        }
        if (problem.contains("expected <block end>") || context.contains("block mapping") || context.contains("block collection")) {
            return at(shown, at, false, "the indentation does not match the lines above; line up keys of one mapping "
                    + "(and list items) at the same column, with spaces");
        }
        if (problem.contains("undefined alias")) {
            return at(shown, at, true, "an alias '*…' that no anchor '&…' defines above it");
        }
        if (problem.contains("aliases")) {
            return at(shown, at, false, "too many aliases ('*…'); write the values out");
        }
        if (problem.contains("cannot start any token")) {
            return at(shown, at, true, "a character that cannot start a value here; put the value in quotes");
        }
        String words = (context.isEmpty() ? "" : context + ": ") + problem;
        return at(shown, at, true, words.isBlank() ? "not valid YAML" : words);
    }

    private static InvalidYamlException at(String shown, Mark mark, boolean withColumn, String problem) {
        return mark == null ? new InvalidYamlException(shown, 0, 0, problem)
                : new InvalidYamlException(shown, mark.getLine() + 1, withColumn ? mark.getColumn() + 1 : 0, problem);
    }
}
