package dev.herald.server.api;

import dev.herald.app.Application;
import dev.herald.app.message.TransactionalMessages;
import dev.herald.error.Problem;
import dev.herald.security.Role.Permission;
import java.util.List;
import java.util.Map;

/**
 * Transactional messages over the API: {@code POST /messages} sends one message of a published
 * campaign's delivery activity to one recipient now. A repeated {@code Idempotency-Key} header
 * answers with the message the key made, sending nothing twice.
 */
final class MessagesApi {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    record Send(String campaign, String activity, String recipient, Map<String, Object> variables) {
    }

    record Proof(String recipient, List<String> to, Map<String, Object> variables) {
    }

    private final Application app;

    MessagesApi(Application app) {
        this.app = app;
    }

    List<ApiRoute> routes() {
        return List.of(ApiRoute.post("/messages", Permission.OPERATE, "Send one message of a published campaign's delivery to one recipient "
                        + "now, through the compliance rules of its category; header Idempotency-Key makes the call safe to repeat", 201,
                "{campaign: a published campaign's id, activity: its delivery, recipient: the record's key, variables: {}}", this::send),
                ApiRoute.post("/campaigns/{campaign}/activities/{activity}/proof", Permission.EDIT, "Send a delivery's message, as one "
                                + "recipient would get it, to seed addresses (its subject marked [Proof]); no report counts proofs", 200,
                        "{recipient: the record whose message it shows, to: [seed addresses, at most 50], variables: {}}", call -> {
                            Proof p = call.body(Proof.class);
                            if (p.recipient() == null || p.recipient().isBlank()) {
                                throw ApiProblem.badRequest("recipient", "name the record whose message the proof shows");
                            }
                            var sent = app.proofs().send(call.path("campaign"), call.path("activity"), p.recipient(), p.to(), p.variables());
                            call.did("sent " + sent.size() + " proof(s) of " + call.path("campaign") + " " + call.path("activity"));
                            return sent;
                        }));
    }

    private TransactionalMessages.Outcome send(ApiCall call) {
        Send s = call.body(Send.class);
        for (var required : List.of(Map.entry("campaign", s.campaign() == null ? "" : s.campaign()),
                Map.entry("activity", s.activity() == null ? "" : s.activity()), Map.entry("recipient", s.recipient() == null ? "" : s.recipient()))) {
            if (required.getValue().isBlank()) {
                throw ApiProblem.badRequest(required.getKey(), required.getKey() + " is required");
            }
        }
        String key = call.ctx.header(IDEMPOTENCY_KEY);
        if (key != null && (key.isBlank() || key.length() > 255)) {
            throw ApiProblem.badRequest(IDEMPOTENCY_KEY, "an idempotency key is 1 to 255 characters");
        }
        TransactionalMessages.Outcome o = app.transactional().send(new TransactionalMessages.Request(s.campaign(), s.activity(), s.recipient(),
                s.variables(), key));
        call.did("message " + o.messageId() + " of " + o.campaign() + " " + o.activity() + " to " + s.recipient() + ": " + o.status()
                + (o.repeated() ? " (repeated key)" : ""));
        return switch (o.status()) {
            case "sent" -> {
                call.answer(o.repeated() ? 200 : 201);
                yield o;
            }
            case "excluded" -> throw new ApiProblem(422, "not-sent", "message " + o.messageId() + " was not sent: " + o.reason(),
                    List.of(new Problem("recipient", "the recipient gets no " + o.channel() + " message: " + o.reason())));
            case "failed" -> throw new ApiProblem(502, "failed", "message " + o.messageId() + " failed: " + o.error(),
                    List.of(new Problem(null, "the provider refused it; call again with the same " + IDEMPOTENCY_KEY + " to send it again")));
            default -> {
                call.ctx.header("Retry-After", "30");
                throw new ApiProblem(503, "unavailable", "message " + o.messageId() + " could not leave yet" + (o.error() == null ? ""
                        : ": " + o.error()), List.of(new Problem(null, "it is kept; call again with the same " + IDEMPOTENCY_KEY)));
            }
        };
    }
}
