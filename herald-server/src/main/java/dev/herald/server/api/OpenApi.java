package dev.herald.server.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The OpenAPI 3.1 document of the API, made from the very routes the server registers. */
final class OpenApi {

    private static final Pattern PARAMETER = Pattern.compile("\\{([a-z]+)}");

    private OpenApi() {
    }

    static Map<String, Object> document(List<ApiRoute> routes) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.1.0");
        doc.put("info", Map.of("title", "Herald API", "version", "1",
                "description", "Campaigns, runs, audiences and deliveries of one Herald workspace. Every call needs an API key "
                        + "(herald key create --role ROLE --name NAME) as a bearer token; errors are RFC 9457 problem JSON."));
        doc.put("servers", List.of(Map.of("url", Api.BASE)));
        Map<String, Object> paths = new LinkedHashMap<>();
        for (ApiRoute r : routes) {
            @SuppressWarnings("unchecked")
            Map<String, Object> path = (Map<String, Object>) paths.computeIfAbsent(r.path(), p -> new LinkedHashMap<>());
            path.put(r.method().toLowerCase(Locale.ROOT), operation(r));
        }
        doc.put("paths", paths);
        doc.put("components", Map.of(
                "securitySchemes", Map.of("key", Map.of("type", "http", "scheme", "bearer", "description", "hk_ID_SECRET")),
                "schemas", Map.of("Problem", Map.of("type", "object", "description", "RFC 9457 problem details",
                        "properties", Map.of("type", Map.of("type", "string"), "title", Map.of("type", "string"),
                                "status", Map.of("type", "integer"), "errors", Map.of("type", "array", "items", Map.of("type", "object",
                                        "properties", Map.of("path", Map.of("type", List.of("string", "null")), "message", Map.of("type", "string"),
                                                "hint", Map.of("type", "string")))))))));
        doc.put("security", List.of(Map.of("key", List.of())));
        return doc;
    }

    private static Map<String, Object> operation(ApiRoute r) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("summary", r.summary());
        op.put("operationId", r.method().toLowerCase(Locale.ROOT) + r.path().replaceAll("[{}]", "").replaceAll("[/_-]+(.)", "_$1"));
        op.put("description", "Needs " + Api.needs(r) + ".");
        List<Map<String, Object>> parameters = new ArrayList<>();
        Matcher m = PARAMETER.matcher(r.path());
        while (m.find()) {
            parameters.add(Map.of("name", m.group(1), "in", "path", "required", true, "schema", Map.of("type", "string")));
        }
        for (String q : r.query()) {
            int colon = q.indexOf(':');
            parameters.add(Map.of("name", q.substring(0, colon), "in", "query", "required", false, "description", q.substring(colon + 1).strip(),
                    "schema", Map.of("type", "string")));
        }
        if (!parameters.isEmpty()) {
            op.put("parameters", parameters);
        }
        if (r.body() != null) {
            op.put("requestBody", Map.of("required", true, "description", r.body(),
                    "content", Map.of("application/json", Map.of("schema", Map.of("type", "object")))));
        }
        Map<String, Object> problem = Map.of("description", "a problem", "content",
                Map.of("application/problem+json", Map.of("schema", Map.of("$ref", "#/components/schemas/Problem"))));
        Map<String, Object> responses = new LinkedHashMap<>();
        responses.put(Integer.toString(r.success()), Map.of("description", r.success() == 202 ? "under way" : r.success() == 201 ? "made" : "done",
                "content", Map.of("application/json", Map.of("schema", Map.of("type", List.of("object", "array"))))));
        responses.put("4XX", problem);
        responses.put("5XX", problem);
        op.put("responses", responses);
        return op;
    }
}
