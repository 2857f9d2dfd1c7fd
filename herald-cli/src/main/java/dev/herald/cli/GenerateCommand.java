package dev.herald.cli;

import dev.herald.app.demo.RetailGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code herald generate --profiles N --out DIR}. */
@Command(name = "generate", mixinStandardHelpOptions = true, description = "Write a deterministic, realistic retail dataset (CSV) for examples/retail/schema.yaml.")
final class GenerateCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;
    @Option(names = "--profiles", required = true, description = "How many profiles (related rows scale with it).")
    long profiles;
    @Option(names = "--seed", defaultValue = "42", description = "Same seed, same files. Default: ${DEFAULT-VALUE}.")
    long seed;
    @Option(names = "--as-of", description = "The date the data ends at (default 2026-11-01, for reproducible files).")
    LocalDate asOf;
    @Option(names = "--out", required = true, paramLabel = "DIR")
    Path out;

    @Override
    public Integer call() throws IOException {
        long started = System.nanoTime();
        Map<String, Long> counts = new RetailGenerator(seed, asOf == null ? RetailGenerator.DEFAULT_AS_OF : asOf)
                .generate(profiles, out);
        var o = spec.commandLine().getOut();
        counts.forEach((entity, rows) -> o.printf("  %-12s %,12d rows  %s%n", entity, rows, out.resolve(entity + ".csv")));
        o.printf("Generated in %.1f s (seed %d)%n", (System.nanoTime() - started) / 1e9, seed);
        return 0;
    }

    /** The files in the order they must be imported. */
    static final String[] ENTITIES = {"product", "store", "profile", "purchase", "booking", "push_device", "web_event"};
}
