package dev.herald.campaign.activity;

import dev.herald.campaign.Checks;
import dev.herald.campaign.Population;
import dev.herald.campaign.config.Options;
import dev.herald.campaign.config.Prop;
import dev.herald.campaign.config.Spec;
import dev.herald.delivery.Addressing;
import dev.herald.delivery.MessageTemplate;
import dev.herald.delivery.TemplateNames;
import dev.herald.text.Echo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code email}, {@code sms}, {@code push}, {@code webhook}, {@code direct-mail}: a delivery to the
 * population. Recipients are resolved in SQL into the message log — one row per recipient, and per
 * secondary record when there is one ({@code per: { link: bookings }}: one message per booking) —
 * with every exclusion and its reason (no address, no consent, a duplicate); then each message is
 * rendered and sent. The transition {@code out} carries the recipients who got a message.
 */
public record Delivery(String channel, Map<String, String> templates, String perLink, String perFilter, long rate,
                       Map<String, String> columns) implements ActivityConfig {

    public static final String EMAIL = "email";
    public static final String SMS = "sms";
    public static final String PUSH = "push";
    public static final String WEBHOOK = "webhook";
    public static final String DIRECT_MAIL = "direct-mail";

    private static final Spec PER = Spec.of("One message per linked record instead of one per recipient.",
            Prop.required("link", Prop.Kind.TEXT, "the one-to-many link of the dimension, e.g. bookings"),
            Prop.of("filter", Prop.Kind.CONDITION, "only the linked records meeting this condition, e.g. booking.status == \"confirmed\""));
    private static final Prop PER_PROP = Prop.object("per", Prop.Kind.OBJECT, false,
            "one message per linked record (a booking, an order) instead of one per recipient", PER);
    private static final Prop RATE = Prop.of("rate", Prop.Kind.INTEGER, "at most this many messages per second; 0 = as fast as possible")
            .withDefault(0L);

    public static final Spec EMAIL_SPEC = Spec.of("Sends an email to each recipient.",
            Prop.required("subject", Prop.Kind.TEMPLATE, "the subject (Liquid), e.g. \"{{ profile.first_name }}, we miss you\""),
            Prop.required("body", Prop.Kind.TEMPLATE, "the body (Liquid; HTML or text)"), PER_PROP, RATE);
    public static final Spec SMS_SPEC = Spec.of("Sends a text message to each recipient.",
            Prop.required("text", Prop.Kind.TEMPLATE, "the message (Liquid)"), PER_PROP, RATE);
    public static final Spec PUSH_SPEC = Spec.of("Sends a push notification to each of the recipients' devices.",
            Prop.required("title", Prop.Kind.TEMPLATE, "the title (Liquid)"),
            Prop.required("body", Prop.Kind.TEMPLATE, "the body (Liquid)"), RATE);
    public static final Spec WEBHOOK_SPEC = Spec.of("Calls a web endpoint for each recipient.",
            Prop.required("url", Prop.Kind.TEMPLATE, "the endpoint (Liquid), e.g. https://crm.example.com/hooks/{{ profile.id }}"),
            Prop.required("body", Prop.Kind.TEMPLATE, "the request body (Liquid), e.g. a JSON document"), PER_PROP, RATE);
    public static final Spec DIRECT_MAIL_SPEC = Spec.of("Writes one line per recipient for a mailing house.",
            Prop.required("columns", Prop.Kind.NAMED_TEXTS, "column → its text (Liquid), e.g. name: \"{{ profile.first_name }} {{ profile.last_name }}\""),
            PER_PROP);

    static Delivery read(String channel, Options o) {
        Map<String, String> templates = new LinkedHashMap<>();
        for (String key : List.of("subject", "body", "text", "title", "url")) {
            if (o.has(key)) {
                templates.put(key, o.text(key));
            }
        }
        Options per = o.object("per");
        return new Delivery(channel, templates, per == null ? null : per.text("link"), per == null ? null : per.text("filter"),
                o.integer("rate", 0), o.namedTexts("columns"));
    }

    @Override
    public List<String> outputs() {
        return List.of(Outputs.OUT);
    }

    @Override
    public Map<String, Population> check(Checks c) {
        Population p = c.inputs().isEmpty() ? Population.none() : c.inputs().get(0);
        if (!p.isRecords()) {
            if (!c.inputs().isEmpty()) {
                c.problem(c.path() + ".from", "the " + channel + " activity needs an audience: " + Echo.quoted(c.inputNames().get(0)) + " carries "
                        + p.describe() + (p.kind() == Population.Kind.FILE ? " (reconcile the file's rows first)" : ""));
            }
            return Outputs.all(outputs(), Population.none());
        }
        if (rate < 0) {
            c.problem(c.path() + ".rate", "must be 0 (no limit) or more");
        }
        Addressing a = Addressing.resolve(c.schema(), channel, p.dimension(), perLink, c.path(), c::problem);
        if (a != null && perFilter != null) {
            c.onEntity(perFilter, a.perEntity(), true, c.path() + ".per.filter");
        }
        Map<String, Set<String>> scopes = scopes(c, p, a);
        templates.forEach((key, text) -> template(c, text, scopes, c.path() + "." + key));
        columns.forEach((name, text) -> {
            String path = c.path() + ".columns." + name;
            if (Outputs.name(c, name, path)) {
                template(c, text, scopes, path);
            }
        });
        return Outputs.all(outputs(), p);
    }

    /** What a message's templates read: the recipient's fields, the population's columns, the variables, the secondary record's fields. */
    private static Map<String, Set<String>> scopes(Checks c, Population p, Addressing a) {
        Map<String, Set<String>> scopes = new LinkedHashMap<>();
        scopes.put(p.dimension().name(), p.dimension().fields().keySet());
        scopes.put(Population.TARGET, p.columns().keySet());
        scopes.put("vars", c.variables());
        if (a != null && a.secondary() != null) {
            scopes.put(a.secondary().name(), a.secondary().fields().keySet());
        }
        return scopes;
    }

    private static void template(Checks c, String text, Map<String, Set<String>> scopes, String path) {
        try {
            MessageTemplate.parse(text);
            TemplateNames.problems(text, scopes).forEach(problem -> c.problem(path, problem));
        } catch (IllegalArgumentException e) {
            c.problem(path, e.getMessage());
        }
    }
}
