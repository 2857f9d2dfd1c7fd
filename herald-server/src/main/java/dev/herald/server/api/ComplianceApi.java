package dev.herald.server.api;

import dev.herald.app.Application;
import dev.herald.app.compliance.ComplianceService;
import dev.herald.app.compliance.SuppressionFile;
import dev.herald.compliance.Category;
import dev.herald.error.Problem;
import dev.herald.security.Role.Permission;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Suppression lists and what recipients said about their messages, over the API: the same as
 * {@code herald suppression …} and {@code herald consent …}. Each change records the key that made
 * it as its source.
 */
final class ComplianceApi {

    record Suppress(String channel, List<String> addresses, String note) {
    }

    record Consent(String channel, String topic, Boolean subscribed) {
    }

    private final Application app;

    ComplianceApi(Application app) {
        this.app = app;
    }

    List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/suppressions", Permission.READ, "The addresses that get no message now, the newest first, and how many in all",
                        call -> {
                            String channel = call.ctx.queryParam("channel") == null ? null : channel(call.ctx.queryParam("channel"));
                            var filter = new ComplianceService.Filter(channel, blankless(call.ctx.queryParam("reason")),
                                    blankless(call.ctx.queryParam("address")));
                            ComplianceService.Listing l;
                            try {
                                l = app.compliance().suppressions(filter, blankless(call.ctx.queryParam("cursor")), call.whole("limit", 100, 1, 1000));
                            } catch (dev.herald.error.UserError e) { // a query parameter that is wrong: the request's fault
                                Problem p = e.problems().getFirst();
                                throw ApiProblem.badRequest(p.path(), p.message());
                            }
                            Map<String, Object> page = new LinkedHashMap<>();
                            page.put("items", l.entries());
                            page.put("total", l.total());
                            page.put("next_cursor", l.next());
                            return page;
                        }, "channel: email, sms, push or direct-mail (absent: all)",
                        "reason: hard_bounce, complaint, soft_bounces, manual or import (absent: all)",
                        "address: only this address's entries (compared trimmed, in any case)",
                        "limit: entries per page, 1 to 1000 (default 100)", "cursor: the next_cursor of the previous page"),
                ApiRoute.post("/suppressions", Permission.EDIT, "Put addresses on a channel's suppression list until someone takes them off", 200,
                        "{channel, addresses: [...], note}", call -> {
                            Suppress s = call.body(Suppress.class);
                            if (s.addresses() == null || s.addresses().isEmpty()) {
                                throw ApiProblem.badRequest("addresses", "addresses is a list of the addresses to suppress");
                            }
                            String channel = channel(s.channel());
                            int added = app.compliance().suppress(channel, s.addresses(), s.note(), source(call));
                            call.did("suppressed " + s.addresses().size() + " " + s.channel() + " address(es), " + added + " new");
                            return Map.of("added", added, "already", s.addresses().size() - added);
                        }),
                new ApiRoute("POST", "/suppressions/import", Permission.EDIT, "Load a suppression list: the request body is a CSV file "
                        + "(up to 1 GiB) as herald suppression import reads it; each bad row is rejected with its line, column and reason, "
                        + "the rest loads", 200, List.of("channel: the channel of rows that name none (default email)"),
                        "CSV with a header naming an address column, and optionally channel and note", this::importList),
                ApiRoute.delete("/suppressions/{channel}/{address}", Permission.EDIT, "Take an address off a channel's suppression list", call -> {
                    boolean released = app.compliance().release(channel(call.path("channel")), call.path("address"));
                    if (!released) {
                        throw new ApiProblem(404, "not-found", "not on the list",
                                List.of(new Problem("address", call.path("address") + " is not suppressed on " + call.path("channel"))));
                    }
                    call.did("took one " + call.path("channel") + " address off the suppression list");
                    return Map.of("released", true);
                }),
                ApiRoute.get("/recipients/{key}/consent", Permission.READ, "What a recipient said, per channel and topic (topic \"\": the channel)",
                        call -> app.compliance().subscriptions(call.path("key"))),
                ApiRoute.post("/recipients/{key}/consent", Permission.EDIT, "Record that a recipient subscribed to, or left, a channel or one of its topics", 200,
                        "{channel, topic: a topic of compliance.topics (absent: the whole channel), subscribed: true|false}", call -> {
                            Consent c = call.body(Consent.class);
                            if (c.subscribed() == null) {
                                throw ApiProblem.badRequest("subscribed", "subscribed is true (they subscribed) or false (they left)");
                            }
                            String channel = channel(c.channel());
                            app.compliance().subscribe(call.path("key"), channel, c.topic(), c.subscribed(), source(call));
                            call.did((c.subscribed() ? "subscribed " : "unsubscribed ") + "a recipient " + (c.subscribed() ? "to " : "from ")
                                    + c.channel() + (c.topic() == null ? "" : " " + c.topic()));
                            return Map.of("recorded", true);
                        }),
                ApiRoute.get("/recipients/{key}/eligibility", Permission.READ,
                        "Would the recipient get a message on a channel now: per address, null or the reason it would not", call -> {
                            Category category = category(call.ctx.queryParam("category"));
                            return app.compliance().check(call.path("key"), channel(call.ctx.queryParam("channel")), category,
                                    call.ctx.queryParam("topic"));
                        }, "channel: email, sms, push or direct-mail", "category: marketing (default) or transactional",
                        "topic: a topic of compliance.topics"));
    }

    private Map<String, Object> importList(ApiCall call) throws Exception {
        String channel = channel(call.ctx.queryParam("channel") == null ? "email" : call.ctx.queryParam("channel"));
        SuppressionFile.Loaded loaded;
        try (var body = call.upload(RecordsApi.MAX_UPLOAD_BYTES)) {
            loaded = app.compliance().importUpload(body, channel, "api import by key " + call.key.id());
        }
        call.did(String.format("imported a suppression list: %,d rows, %,d suppressed, %,d rejected", loaded.rows(), loaded.stored(),
                loaded.rejected()));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("rows", loaded.rows());
        answer.put("suppressed", loaded.stored());
        answer.put("rejected", loaded.rejected());
        answer.put("rejects", loaded.rejects()); // the first SuppressionFile.REJECTS_KEPT
        return answer;
    }

    private static String blankless(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static String source(ApiCall call) {
        return "api key " + call.key.id();
    }

    /** A channel with addresses, or a problem naming the channels there are. */
    private static String channel(String name) {
        if (name == null || name.isEmpty()) {
            throw ApiProblem.badRequest("channel", "name the channel: email, sms, push or direct-mail");
        }
        return ComplianceService.channel(name);
    }

    private static Category category(String name) {
        try {
            return Category.of(name);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid("category", "category is marketing or transactional");
        }
    }
}
