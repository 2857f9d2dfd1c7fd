package dev.herald.cli;

import dev.herald.load.CsvOptions;
import dev.herald.load.FileFormat;
import dev.herald.load.ImportMode;
import dev.herald.load.ImportRequest;
import dev.herald.load.ImportSummary;
import dev.herald.load.Reject;
import dev.herald.app.Application;
import dev.herald.error.UserError;
import dev.herald.schema.OrphanReport;
import dev.herald.workspace.HeraldConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code herald import ENTITY FILE}. */
@Command(name = "import", mixinStandardHelpOptions = true, description = "Load a CSV, Parquet or NDJSON file (gzip or not) into an entity, "
        + "through the store's bulk path. Bad rows go to a rejects file with their line, column and reason.")
final class ImportCommand implements Callable<Integer> {

    @ParentCommand
    Herald herald;
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ENTITY", description = "The entity to load, e.g. profile.")
    String entity;
    @Parameters(index = "1", paramLabel = "FILE", description = "The file: .csv, .tsv, .parquet, .ndjson/.jsonl, optionally .gz.")
    Path file;
    @Option(names = "--mode", defaultValue = "insert", description = "insert, upsert (by key; last row wins) or delete (by key). "
            + "A '_change' column (u|d) sets the mode per row. Default: ${DEFAULT-VALUE}.")
    String mode;
    @Option(names = "--format", description = "csv, parquet or ndjson (default: from the file name).")
    String format;
    @Option(names = "--max-errors", description = "Past this many rejected rows nothing is changed (default: herald.yaml, else 100).")
    Long maxErrors;
    @Option(names = "--rejects", paramLabel = "PATH", description = "Where rejected rows go (default: FILE.rejects.csv).")
    Path rejects;
    @Option(names = "--delimiter", description = "CSV delimiter (default ',', '\\t' for tab).")
    String delimiter;
    @Option(names = "--quote", description = "CSV quote character (default '\"').")
    String quote;
    @Option(names = "--escape", description = "CSV escape character (default: the quote, doubled).")
    String escape;
    @Option(names = "--date-format", description = "strftime format of dates, e.g. %%d/%%m/%%Y (default ISO-8601).")
    String dateFormat;
    @Option(names = "--timestamp-format", description = "strftime format of timestamps (default ISO-8601).")
    String timestampFormat;
    @Option(names = "--decimal-separator", description = "'.' or ','.")
    String decimalSeparator;
    @Option(names = "--map", paramLabel = "COLUMN=FIELD", description = "The file's column COLUMN loads the field FIELD "
            + "(repeat for each column whose name is not its field's).")
    java.util.List<String> maps = new java.util.ArrayList<>();
    @Option(names = "--ignore-extra-columns", description = "Skip the file's columns that are no field (default: refuse the file).")
    boolean ignoreExtraColumns;
    @Option(names = "--timezone", paramLabel = "ZONE", description = "The time zone of times written without an offset, "
            + "e.g. America/Sao_Paulo (default: herald.yaml, else UTC). A time the zone skips or has twice is rejected.")
    String timezone;

    @Override
    public Integer call() {
        try (Application app = herald.app()) {
            return importFile(app);
        }
    }

    private Integer importFile(Application app) {
        HeraldConfig config = app.workspace().config();
        CsvOptions base = config.csv();
        char delim = delimiter == null ? (file.toString().toLowerCase().matches(".*\\.tsv(\\.gz)?") ? '\t' : base.delimiter())
                : oneChar("--delimiter", delimiter);
        CsvOptions csv = new CsvOptions(delim,
                quote == null ? base.quote() : oneChar("--quote", quote),
                escape == null ? (quote == null ? base.escape() : oneChar("--quote", quote)) : oneChar("--escape", escape),
                dateFormat == null ? base.dateFormat() : dateFormat,
                timestampFormat == null ? base.timestampFormat() : timestampFormat,
                decimalSeparator == null ? base.decimalSeparator() : oneChar("--decimal-separator", decimalSeparator),
                timezone == null ? base.zone() : CsvOptions.zone(timezone, "--timezone"));
        ImportRequest request = new ImportRequest(entity, file, format == null ? FileFormat.of(file) : parse(FileFormat.class, "--format", format),
                parse(ImportMode.class, "--mode", mode), csv, maxErrors == null ? config.maxErrors() : maxErrors,
                rejects == null ? ImportRequest.defaultRejectsFile(file) : rejects)
                .withColumns(columnMap(maps), ignoreExtraColumns);
        ImportSummary summary = app.imports().importFile(request);
        PrintWriter out = spec.commandLine().getOut();
        print(out, summary);
        if (!summary.rolledBack()) {
            // rows whose link points to no record, over the whole table after the import
            for (OrphanReport orphans : app.schemas().orphans(summary.entity(), 0)) {
                out.println("  " + orphans.describe(false));
            }
        }
        return summary.rolledBack() ? 1 : 0;
    }

    static void print(PrintWriter out, ImportSummary summary) {
        out.println(summary.describe());
        for (Reject r : summary.firstRejects()) {
            out.println("  " + r);
        }
        if (summary.rejected() > summary.firstRejects().size()) {
            out.printf("  … and %,d more%n", summary.rejected() - summary.firstRejects().size());
        }
    }

    static java.util.Map<String, String> columnMap(java.util.List<String> maps) {
        java.util.Map<String, String> map = new java.util.LinkedHashMap<>();
        for (String m : maps) {
            int eq = m.indexOf('=');
            if (eq <= 0 || eq == m.length() - 1) {
                throw UserError.invalid("--map takes COLUMN=FIELD (the file's column, then the field it loads), got '" + m + "'");
            }
            if (map.put(m.substring(0, eq).strip(), m.substring(eq + 1).strip()) != null) {
                throw UserError.invalid("--map names the column '" + m.substring(0, eq).strip() + "' twice");
            }
        }
        return map;
    }

    static char oneChar(String option, String value) {
        if (value.equals("\\t")) {
            return '\t';
        }
        if (value.length() != 1) {
            throw UserError.invalid(option + " takes one character, got '" + value + "'");
        }
        return value.charAt(0);
    }

    static <E extends Enum<E>> E parse(Class<E> type, String option, String value) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value)) {
                return e;
            }
        }
        throw UserError.invalid(option + " must be one of " + java.util.Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase()).toList() + ", got '" + value + "'");
    }
}
