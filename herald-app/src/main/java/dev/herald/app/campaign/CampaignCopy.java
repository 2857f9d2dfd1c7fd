package dev.herald.app.campaign;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.error.UserError;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A campaign document with another id and name: YAML keeps its comments and layout, JSON is written again. */
final class CampaignCopy {

    private static final Pattern ID = Pattern.compile("(?m)^id:[^\\n]*$");
    private static final Pattern NAME = Pattern.compile("(?m)^name:[^\\n]*$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private CampaignCopy() {
    }

    static String renamed(String source, String id, String name) {
        if (source.stripLeading().startsWith("{")) {
            try {
                ObjectNode doc = (ObjectNode) JSON.readTree(source);
                doc.put("id", id);
                if (name != null) {
                    doc.put("name", name);
                }
                return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc) + "\n";
            } catch (java.io.IOException | ClassCastException e) {
                throw UserError.invalid("the campaign's JSON cannot be copied: " + e.getMessage());
            }
        }
        String text = replaceOnce(ID, source, "id: " + quoted(id), "id");
        return name == null ? text : replaceOnce(NAME, text, "name: " + quoted(name), "name");
    }

    private static String replaceOnce(Pattern key, String text, String line, String what) {
        Matcher m = key.matcher(text);
        if (!m.find()) {
            throw UserError.invalid("the campaign's document has no top-level '" + what + ":' line to change");
        }
        return text.substring(0, m.start()) + line + text.substring(m.end());
    }

    /** A YAML scalar that reads back as exactly {@code value}. */
    private static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
