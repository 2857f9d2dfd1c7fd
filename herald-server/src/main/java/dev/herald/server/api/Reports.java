package dev.herald.server.api;

import dev.herald.app.delivery.DeliveryService;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A report's hourly series as JSON, or as CSV to open in a spreadsheet. */
final class Reports {

    static final String FORMAT = "format: json (default) or csv";

    private Reports() {
    }

    static Object hourly(ApiCall call, String name, List<DeliveryService.Hour> hours) {
        String format = call.ctx.queryParam("format");
        if (format == null || format.equals("json")) {
            return hours;
        }
        if (!format.equals("csv")) {
            throw ApiProblem.badRequest("format", "format is json or csv");
        }
        StringBuilder csv = new StringBuilder(DeliveryService.Hour.CSV_HEADER).append('\n');
        hours.forEach(h -> csv.append(h.csv()).append('\n'));
        return new Download("text/csv; charset=utf-8", name.replaceAll("[^A-Za-z0-9_.-]", "_") + "-hourly.csv",
                new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)));
    }
}
