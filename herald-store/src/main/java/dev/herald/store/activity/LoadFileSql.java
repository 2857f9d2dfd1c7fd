package dev.herald.store.activity;

import dev.herald.store.Store;
import dev.herald.campaign.Population;
import dev.herald.campaign.activity.LoadFile;
import dev.herald.load.BadValueException;
import dev.herald.load.CsvCell;
import dev.herald.load.CsvOptions;
import dev.herald.load.CsvRecordReader;
import dev.herald.load.InputFiles;
import dev.herald.load.Reject;
import dev.herald.load.RejectsFile;
import dev.herald.load.ValueConverter;
import dev.herald.schema.DidYouMean;
import dev.herald.store.load.CleanCsv;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code load-file}: reads the CSV file once, converting each declared column and handling a bad
 * value as its column says (reject the line, leave it empty, or use the default), writes rejected
 * lines with their line, column and reason, and bulk-loads the clean rows into the worktable.
 * Past {@code max_errors} rejected lines the activity fails, having loaded nothing.
 */
final class LoadFileSql extends SqlActivity<LoadFile> {

    LoadFileSql(Store store) {
        super(store);
    }


    @Override
    void run(ActivitySql r, LoadFile c) throws Exception {
        Path file = r.fileToRead(c.file());
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("file not found: " + file + " (the path of load-file starts in the workspace)");
        }
        InputFiles.requireReadable(file);
        Path rejectsPath = r.fileToWrite(c.rejects() != null ? c.rejects() : c.file() + ".rejects.csv");
        char delimiter = c.delimiter().equals("\\t") ? '\t' : c.delimiter().charAt(0);
        CsvOptions options = new CsvOptions(delimiter, '"', '"', c.dateFormat(), c.timestampFormat(), c.decimalSeparator().charAt(0),
                c.timezone() == null ? null : CsvOptions.zone(c.timezone(), "timezone"));
        List<String> names = new ArrayList<>(c.columns().keySet());
        List<ValueConverter> converters = new ArrayList<>();
        List<String> defaults = new ArrayList<>();
        for (String n : names) {
            LoadFile.Column col = c.columns().get(n);
            ValueConverter converter = new ValueConverter(col.type(), options);
            converters.add(converter);
            defaults.add(LoadFile.DEFAULT.equals(col.onError()) ? canonicalDefault(converter, col, n) : null);
        }
        // the rejects of an earlier run are stale whatever this one finds; it writes its own, if any
        Files.deleteIfExists(rejectsPath);
        Path clean = r.store().temporaryFile("load-file-" + r.activity().id() + "-", ".csv");
        try {
            load(r, c, file, rejectsPath, clean, options, names, converters, defaults);
        } finally {
            Files.deleteIfExists(clean);
        }
    }

    private static void load(ActivitySql r, LoadFile c, Path file, Path rejectsPath, Path clean, CsvOptions options,
                             List<String> names, List<ValueConverter> converters, List<String> defaults) throws Exception {
        long read = 0;
        long rejected = 0;
        List<Reject> first = new ArrayList<>();
        try (CsvRecordReader in = new CsvRecordReader(file, options);
             BufferedWriter out = Files.newBufferedWriter(clean, StandardCharsets.UTF_8);
             RejectsFile rejects = new RejectsFile(rejectsPath, false, LinkOption.NOFOLLOW_LINKS)) {
            List<String> header = in.next();
            if (header == null) {
                throw new IllegalArgumentException(file + " is empty: its first line must name the columns");
            }
            int[] index = columnIndexes(file, header, names, r);
            out.write(Population.LINE);
            for (String n : names) {
                out.write(',');
                out.write(n);
            }
            out.write('\n');
            List<String> record;
            String[] values = new String[names.size()];
            while ((record = in.next()) != null) {
                if (record.size() == 1 && record.get(0) == null && header.size() > 1 && in.problem() == null) {
                    continue; // a blank line
                }
                read++;
                long line = in.line();
                Reject reject = in.problem() != null
                        ? new Reject(line, in.problemValue() >= 0 && in.problemValue() < header.size()
                                ? header.get(in.problemValue()) : null, in.problem())
                        : record.size() != header.size()
                        ? new Reject(line, null, "expected " + header.size() + " columns, found " + record.size()) : null;
                for (int i = 0; i < names.size() && reject == null; i++) {
                    try {
                        values[i] = converters.get(i).convert(record.get(index[i]));
                    } catch (BadValueException e) {
                        String onError = c.columns().get(names.get(i)).onError();
                        if (LoadFile.EMPTY.equals(onError)) {
                            values[i] = null;
                        } else if (LoadFile.DEFAULT.equals(onError)) {
                            values[i] = defaults.get(i);
                        } else {
                            reject = new Reject(line, names.get(i), e.getMessage());
                        }
                    }
                }
                if (reject != null) {
                    rejected++;
                    rejects.write(reject);
                    if (first.size() < 5) {
                        first.add(reject);
                    }
                    continue;
                }
                out.write(Long.toString(line));
                for (String v : values) {
                    out.write(',');
                    if (v != null) {
                        out.write(CsvCell.quote(v));
                    }
                }
                out.write('\n');
            }
        }
        if (rejected > c.maxErrors()) {
            throw new IllegalArgumentException(String.format("%s: %,d lines rejected, more than max_errors (%d); nothing was loaded. "
                    + "The rejected lines are in %s (first: %s)", file, rejected, c.maxErrors(), rejectsPath, first));
        }
        String wt = r.newWorktable();
        long rows = CleanCsv.load(r.store(), wt, r.population("out").columns(), clean);
        r.output("out", wt, rows);
        r.info(String.format("%s: read %,d lines, loaded %,d, rejected %,d%s", file.getFileName(), read, rows, rejected,
                rejected == 0 ? "" : " (in " + rejectsPath + "; first: " + first + ")"));
    }

    private static int[] columnIndexes(Path file, List<String> header, List<String> names, ActivitySql r) {
        int[] index = new int[names.size()];
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            position.put(header.get(i) == null ? "" : header.get(i).strip(), i);
        }
        for (int i = 0; i < names.size(); i++) {
            Integer at = position.get(names.get(i));
            if (at == null) {
                throw new IllegalArgumentException(file + " has no column '" + names.get(i) + "'"
                        + DidYouMean.hint(names.get(i), position.keySet()) + " (its columns: " + String.join(", ", header) + ")");
            }
            index[i] = at;
        }
        List<String> ignored = header.stream().filter(h -> h != null && !names.contains(h.strip())).toList();
        if (!ignored.isEmpty()) {
            r.info("columns of the file not declared, ignored: " + String.join(", ", ignored));
        }
        return index;
    }

    private static String canonicalDefault(ValueConverter converter, LoadFile.Column col, String name) {
        try {
            return converter.convert(col.defaultValue());
        } catch (BadValueException e) {
            throw new IllegalArgumentException("the default of column '" + name + "' is " + e.getMessage());
        }
    }
}
