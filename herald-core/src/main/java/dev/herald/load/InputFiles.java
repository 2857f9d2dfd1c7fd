package dev.herald.load;

import dev.herald.text.NotUtf8Exception;
import dev.herald.text.Utf8Text;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Opens import files: gzip by suffix, UTF-8 that must be valid. */
public final class InputFiles {

    private InputFiles() {
    }

    public static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        return FileFormat.isGzip(file) ? new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16) : in;
    }

    public static Reader reader(Path file) throws IOException {
        return new InputStreamReader(open(file), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    /** Fails with a one-line message unless the file exists and is readable. */
    public static void requireReadable(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ImportException("file not found: " + file + " — check the path (relative paths start in the current directory)");
        }
        if (!Files.isReadable(file)) {
            throw new ImportException("cannot read " + file + " — check its permissions");
        }
    }

    /** Where a file that is not UTF-8 first is not, in words: "p.csv: line 2, column 8: not UTF-8 text; save the file as UTF-8". */
    static String notUtf8(Path file) {
        try (InputStream in = open(file)) {
            return Utf8Text.firstBadByte(in).map(p -> file + ": " + NotUtf8Exception.problem(p))
                    .orElse(file + ": not UTF-8 text; save the file as UTF-8");
        } catch (IOException e) {
            return file + ": not UTF-8 text; save the file as UTF-8";
        }
    }

    /** The header of a CSV file, or a one-line error when it has none. */
    public static List<String> csvHeader(Path file, CsvOptions options) {
        requireReadable(file);
        try (CsvRecordReader reader = new CsvRecordReader(file, options)) {
            List<String> header = reader.next();
            if (header == null || header.stream().allMatch(h -> h == null)) {
                throw new ImportException(file + " is empty: a CSV file starts with a header line naming its columns");
            }
            if (reader.problem() != null) {
                throw new ImportException(file + ": the header line is " + (reader.problem().equals(CsvRecordReader.NOT_UTF8)
                        ? "not valid UTF-8; save the file as UTF-8 and import again" : "not readable: " + reader.problem()));
            }
            return header.stream().map(h -> h == null ? "" : h.strip()).toList();
        } catch (NoSuchFileException e) {
            throw new ImportException("file not found: " + file);
        } catch (CharacterCodingException e) {
            throw new ImportException(notUtf8(file));
        } catch (IOException e) {
            throw new ImportException("cannot read " + file + ": " + e.getMessage()
                    + " (Herald reads UTF-8 text, gzip-compressed when the name ends in .gz)");
        }
    }
}
