package dev.herald.campaign.activity;

import dev.herald.campaign.ActivityConfig;
import dev.herald.campaign.Checks;
import dev.herald.campaign.Population;
import dev.herald.campaign.config.Options;
import dev.herald.campaign.config.Prop;
import dev.herald.campaign.config.Spec;
import dev.herald.load.CsvOptions;
import dev.herald.schema.FieldType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code load-file}: the rows of a CSV file, typed by the declared columns, into a worktable keyed
 * by line number. A value that does not convert rejects its line (with line, column and reason in
 * the rejects file), or becomes empty, or a default — per column. Past {@code max_errors} rejected
 * lines the activity fails and nothing is loaded.
 */
public record LoadFile(String file, Map<String, Column> columns, String delimiter, String dateFormat, String timestampFormat,
                       String timezone, String decimalSeparator, long maxErrors, String rejects) implements ActivityConfig {

    public static final String REJECT = "reject";
    public static final String EMPTY = "null";
    public static final String DEFAULT = "default";

    /** A declared column: its type, and what a value that does not convert becomes. */
    public record Column(FieldType type, String onError, String defaultValue) {
    }

    private static final Spec COLUMN = Spec.of("A column of the file.",
            Prop.required("type", Prop.Kind.TEXT, "string, int, long, decimal(p,s), double, boolean, date or timestamp"),
            Prop.choice("on_error", "a value that does not convert: reject its line, make it empty (null), or use 'default'",
                    REJECT, REJECT, EMPTY, DEFAULT),
            Prop.of("default", Prop.Kind.TEXT, "on_error: default — the value used instead"));

    public static final Spec SPEC = Spec.of("Loads a CSV file into a worktable.",
            Prop.required("file", Prop.Kind.TEXT, "the CSV file, relative to the workspace; its first line names the columns"),
            Prop.object("columns", Prop.Kind.NAMED, true, "column → its type and error handling; other columns of the file are ignored",
                    COLUMN),
            Prop.of("delimiter", Prop.Kind.TEXT, "the separator of values").withDefault(","),
            Prop.of("date_format", Prop.Kind.TEXT, "strftime format of dates, e.g. %d/%m/%Y; default ISO 8601"),
            Prop.of("timestamp_format", Prop.Kind.TEXT, "strftime format of timestamps; default ISO 8601"),
            Prop.of("timezone", Prop.Kind.TEXT, "the time zone of times written without an offset, e.g. America/Sao_Paulo; "
                    + "default UTC. A time the zone skips or has twice is rejected"),
            Prop.of("decimal_separator", Prop.Kind.TEXT, ". or ,").withDefault("."),
            Prop.of("max_errors", Prop.Kind.INTEGER, "how many rejected lines are allowed before the activity fails").withDefault(100L),
            Prop.of("rejects", Prop.Kind.TEXT, "where rejected lines go (line, column, reason); default: FILE.rejects.csv"));

    static LoadFile read(Options o, java.util.function.BiConsumer<String, String> problem) {
        Map<String, Column> columns = new LinkedHashMap<>();
        o.named("columns").forEach((name, c) -> {
            FieldType type = null;
            if (c.text("type") != null) {
                try {
                    type = FieldType.parse(c.text("type"));
                    if (type.kind() == FieldType.Kind.JSON) {
                        problem.accept(c.path("type"), "a file column cannot be json; read it as string");
                    }
                } catch (IllegalArgumentException e) {
                    problem.accept(c.path("type"), e.getMessage());
                }
            }
            columns.put(name, new Column(type, c.text("on_error"), c.text("default")));
        });
        return new LoadFile(o.text("file"), columns, o.text("delimiter"), o.text("date_format"), o.text("timestamp_format"),
                o.text("timezone"), o.text("decimal_separator"), o.integer("max_errors", 100), o.text("rejects"));
    }

    @Override
    public List<String> outputs() {
        return List.of(Outputs.OUT);
    }

    @Override
    public Map<String, Population> check(Checks c) {
        Map<String, FieldType> types = new LinkedHashMap<>();
        if (columns.isEmpty()) {
            c.problem(c.path() + ".columns", "declare the columns to load, e.g. email: { type: string }");
        }
        columns.forEach((name, col) -> {
            String path = c.path() + ".columns." + name;
            if (!Outputs.name(c, name, path)) {
                return;
            }
            if (name.equals(Population.LINE)) {
                c.problem(path, "'line' is the column holding each row's line number; rename this one");
                return;
            }
            if (DEFAULT.equals(col.onError()) && col.defaultValue() == null) {
                c.problem(path + ".default", "on_error: default needs the value to use");
            }
            if (col.type() != null) {
                types.put(name, col.type());
            }
        });
        if (delimiter != null && delimiter.length() != 1 && !delimiter.equals("\\t")) {
            c.problem(c.path() + ".delimiter", "must be one character (or \\t)");
        }
        if (decimalSeparator != null && !decimalSeparator.equals(".") && !decimalSeparator.equals(",")) {
            c.problem(c.path() + ".decimal_separator", "must be . or ,");
        }
        if (timezone != null) {
            try {
                CsvOptions.zone(timezone, "timezone");
            } catch (IllegalArgumentException e) {
                c.problem(c.path() + ".timezone", "unknown time zone '" + timezone + "'; use a name such as Europe/Paris, "
                        + "America/Sao_Paulo or UTC");
            }
        }
        if (maxErrors < 0) {
            c.problem(c.path() + ".max_errors", "must be 0 or more");
        }
        return Outputs.all(outputs(), Population.file(types));
    }
}
