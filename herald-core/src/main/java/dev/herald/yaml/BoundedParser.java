package dev.herald.yaml;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import java.io.IOException;

/**
 * Refuses a key or a value longer than {@link YamlReader#MAX_VALUE}, with its line, as the tree is
 * read: the YAML parser has no such limit of its own (Jackson's string limit applies to JSON only).
 */
final class BoundedParser extends JsonParserDelegate {

    private final String shown;

    BoundedParser(JsonParser parser, String shown) {
        super(parser);
        this.shown = shown;
    }

    @Override
    public JsonToken nextToken() throws IOException {
        JsonToken t = super.nextToken();
        if (t == JsonToken.VALUE_STRING || t == JsonToken.FIELD_NAME) {
            int length = t == JsonToken.FIELD_NAME ? currentName().length() : getText().length();
            if (length > YamlReader.MAX_VALUE) {
                throw new InvalidYamlException(shown, currentTokenLocation().getLineNr(), 0, String.format(
                        "a %s of %,d characters; values are limited to %,d", t == JsonToken.FIELD_NAME ? "key" : "value",
                        length, YamlReader.MAX_VALUE));
            }
        }
        return t;
    }

    // the tree reader asks for some tokens through these shortcuts: each must go through nextToken()

    @Override
    public JsonToken nextValue() throws IOException {
        JsonToken t = nextToken();
        return t == JsonToken.FIELD_NAME ? nextToken() : t;
    }

    @Override
    public String nextFieldName() throws IOException {
        return nextToken() == JsonToken.FIELD_NAME ? currentName() : null;
    }

    @Override
    public boolean nextFieldName(SerializableString name) throws IOException {
        return nextToken() == JsonToken.FIELD_NAME && name.getValue().equals(currentName());
    }

    @Override
    public String nextTextValue() throws IOException {
        return nextToken() == JsonToken.VALUE_STRING ? getText() : null;
    }

    @Override
    public int nextIntValue(int defaultValue) throws IOException {
        return nextToken() == JsonToken.VALUE_NUMBER_INT ? getIntValue() : defaultValue;
    }

    @Override
    public long nextLongValue(long defaultValue) throws IOException {
        return nextToken() == JsonToken.VALUE_NUMBER_INT ? getLongValue() : defaultValue;
    }

    @Override
    public Boolean nextBooleanValue() throws IOException {
        JsonToken t = nextToken();
        return t == JsonToken.VALUE_TRUE ? Boolean.TRUE : t == JsonToken.VALUE_FALSE ? Boolean.FALSE : null;
    }
}
