package dev.herald.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.stream.Collectors;

/**
 * The API's JSON: times as RFC 3339 text; a request body is read strictly — an unknown field, a
 * missing required one or a value of the wrong type is refused with its path, as an unknown key of
 * a YAML file is.
 */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .registerModule(new SimpleModule().addSerializer(Instant.class, ToStringSerializer.instance)
                    .addSerializer(OffsetDateTime.class, ToStringSerializer.instance)
                    .addSerializer(java.time.LocalDate.class, ToStringSerializer.instance)
                    .addSerializer(java.time.LocalDateTime.class, ToStringSerializer.instance)
                    .addSerializer(java.time.LocalTime.class, ToStringSerializer.instance));

    private Json() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** {@code body} as a {@code type}, or a 400 problem naming the field that is wrong. */
    static <T> T read(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            throw ApiProblem.badRequest(null, "the request needs a JSON body");
        }
        try {
            return MAPPER.readValue(body, type);
        } catch (UnrecognizedPropertyException e) {
            throw ApiProblem.badRequest(path(e), "unknown field '" + e.getPropertyName() + "' (fields: "
                    + e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", ")) + ")");
        } catch (JsonMappingException e) {
            throw ApiProblem.badRequest(path(e), e.getOriginalMessage().replaceAll("\\s*\\(for .*", "")
                    .replaceAll("`[a-z.]+\\.([A-Za-z$]+)`", "$1"));
        } catch (JsonProcessingException e) {
            throw ApiProblem.badRequest(null, "not JSON: " + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr());
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder p = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                p.append(p.isEmpty() ? "" : ".").append(r.getFieldName());
            } else {
                p.append('[').append(r.getIndex()).append(']');
            }
        }
        return p.isEmpty() ? null : p.toString();
    }
}
