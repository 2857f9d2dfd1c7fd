package dev.herald.yaml;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.herald.text.NotUtf8Exception;
import dev.herald.text.Utf8Text;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The one place Herald reads YAML ({@code herald.yaml}, {@code schema.yaml}, campaigns) and JSON
 * documents: strictly (a key written twice, a second document are errors), within bounds (a
 * document of at most 1 MB, lines and values of at most 64 Ki characters, checked before parsing
 * where they can be), from UTF-8 only, and with errors that say what is wrong in plain words and
 * where — never by quoting the offending line, which may hold a password.
 *
 * <p>{@code yes}, {@code no}, {@code on} and {@code off} are texts (YAML 1.2): a variable holding
 * {@code NO} (Norway) stays a country code.
 */
public final class YamlReader {

    /** The largest document read, in bytes (characters for a text already in memory). */
    public static final int MAX_DOCUMENT = 1 << 20;
    /** The longest line, key or value, in characters. */
    public static final int MAX_VALUE = 1 << 16;

    private static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
            .maxStringLength(MAX_VALUE).maxNameLength(MAX_VALUE).maxDocumentLength(MAX_DOCUMENT).build();
    private static final ObjectMapper YAML = strict(new ObjectMapper(YAMLFactory.builder().loaderOptions(loaderOptions())
            .streamReadConstraints(CONSTRAINTS).enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS).build()));

    /** Made when a JSON document is first read: most commands read none. */
    private static final class Json {
        static final ObjectMapper MAPPER = strict(new ObjectMapper(JsonFactory.builder().streamReadConstraints(CONSTRAINTS).build()));
    }

    private YamlReader() {
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions loader = new LoaderOptions();
        loader.setCodePointLimit(MAX_DOCUMENT);
        return loader;
    }

    private static ObjectMapper strict(ObjectMapper mapper) {
        return mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    /**
     * The text of a document file: at most {@link #MAX_DOCUMENT} bytes of UTF-8. {@code shown} is how
     * messages name the file.
     */
    public static String text(Path file, String shown) throws IOException {
        long size = Files.size(file);
        if (size > MAX_DOCUMENT) {
            throw tooLarge(shown, size, "bytes");
        }
        try {
            return Utf8Text.read(file, shown);
        } catch (NotUtf8Exception e) {
            throw new InvalidYamlException(shown, e.position().line(), e.position().column(), "not UTF-8 text; save the file as UTF-8");
        }
    }

    /** Reads a YAML file; an empty document is a {@link MissingNode}. */
    public static JsonNode read(Path file, String shown) throws IOException {
        return read(text(file, shown), shown);
    }

    /** Reads a YAML document; an empty one is a {@link MissingNode}. */
    public static JsonNode read(String text, String shown) {
        return parse(YAML, text, shown);
    }

    /** Reads a JSON document. */
    public static JsonNode readJson(String text, String shown) {
        return parse(Json.MAPPER, text, shown);
    }

    private static JsonNode parse(ObjectMapper mapper, String text, String shown) {
        if (text.length() > MAX_DOCUMENT) {
            throw tooLarge(shown, text.length(), "characters");
        }
        checkLines(text, shown);
        try (JsonParser parser = new BoundedParser(mapper.createParser(text), shown)) {
            JsonNode root = mapper.readTree(parser);
            if (root != null && parser.nextToken() != null) {
                JsonLocation at = parser.currentTokenLocation();
                throw new InvalidYamlException(shown, at.getLineNr(), 0, "a second document (after a '---' line); a file holds one document");
            }
            return root == null ? MissingNode.getInstance() : root;
        } catch (JsonProcessingException e) {
            throw YamlProblems.of(e, shown);
        } catch (IOException e) {
            throw new InvalidYamlException(shown, 0, 0, "cannot be read: " + e.getMessage());
        }
    }

    /** A line too long to be YAML anyone means is refused before the parser spends minutes on it. */
    private static void checkLines(String text, String shown) {
        int line = 1;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                if (i - start > MAX_VALUE) {
                    throw new InvalidYamlException(shown, line, 0, "a line of " + String.format("%,d", i - start)
                            + " characters; lines and values are limited to " + String.format("%,d", MAX_VALUE));
                }
                line++;
                start = i + 1;
            }
        }
    }

    static InvalidYamlException tooLarge(String shown, long size, String unit) {
        return new InvalidYamlException(shown, 0, 0, String.format("a document of %,d %s; documents are limited to %,d %s (1 MB)",
                size, unit, MAX_DOCUMENT, unit));
    }
}
