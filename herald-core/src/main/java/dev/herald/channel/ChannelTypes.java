package dev.herald.channel;

import dev.herald.campaign.config.Prop;
import dev.herald.liquid.Escape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Every kind of message Herald sends, registered by its id in this one place. */
public final class ChannelTypes {

    public static final String EMAIL = "email";
    public static final String SMS = "sms";
    public static final String PUSH = "push";
    public static final String WEBHOOK = "webhook";
    public static final String DIRECT_MAIL = "direct-mail";
    /** A notice to a campaign's supervisors, from its alert activities; not a delivery activity of its own. */
    public static final String ALERT = "alert";
    /** The columns of a direct-mail line; its main part is the line they make. */
    public static final String COLUMNS = "columns";

    private static final Map<String, ChannelType> TYPES = new LinkedHashMap<>();

    static {
        add(new ChannelType(EMAIL, "Sends an email to each recipient.", List.of(
                Prop.required("subject", Prop.Kind.TEMPLATE, "the subject (Liquid), e.g. \"{{ profile.first_name }}, we miss you\""),
                Prop.required("body", Prop.Kind.TEMPLATE, "the body (Liquid; HTML, with inserted values escaped, when it has HTML tags; else text)")),
                "subject", "body",
                AddressRule.of("^[^@[:space:]]+@[^@[:space:].]+(\\.[^@[:space:].]+)+$", "^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+$"),
                true, true));
        add(new ChannelType(SMS, "Sends a text message to each recipient.", List.of(
                Prop.required("text", Prop.Kind.TEMPLATE, "the message (Liquid)")),
                null, "text", AddressRule.of("^\\+?[0-9][0-9 ().-]{5,19}$", "^\\+?[0-9][0-9 ().-]{5,19}$"), true, true));
        add(new ChannelType(PUSH, "Sends a push notification to each of the recipients' devices.", List.of(
                Prop.required("title", Prop.Kind.TEMPLATE, "the title (Liquid)"),
                Prop.required("body", Prop.Kind.TEMPLATE, "the body (Liquid)")),
                "title", "body", AddressRule.ANY, true, false));
        add(new ChannelType(WEBHOOK, "Calls a web endpoint for each recipient.", List.of(
                Prop.required("url", Prop.Kind.TEMPLATE, "the endpoint (Liquid), e.g. https://crm.example.com/hooks/{{ profile.id }}"),
                Prop.required("body", Prop.Kind.TEMPLATE, "the request body (Liquid), a JSON document: inserted values are escaped as JSON")),
                "url", "body", AddressRule.ANY, false, true));
        add(new ChannelType(DIRECT_MAIL, "Writes one line per recipient for a mailing house.", List.of(
                Prop.required(COLUMNS, Prop.Kind.NAMED_TEXTS,
                        "column → its text (Liquid), e.g. name: \"{{ profile.first_name }} {{ profile.last_name }}\"")),
                null, COLUMNS, AddressRule.ANY, true, true));
        add(new ChannelType(ALERT, "A notice to the campaign's supervisors.", List.of(
                Prop.required("subject", Prop.Kind.TEXT, "the subject"), Prop.required("body", Prop.Kind.TEXT, "the notice")),
                "subject", "body", TYPES.get(EMAIL).address(), true, false));
    }

    /**
     * An email body is HTML when its template has an HTML tag (such as {@code <p>}, {@code <br>},
     * {@code <div>}, {@code <a href=…>}, {@code <html>}) or starts with {@code <!DOCTYPE}.
     */
    private static final Pattern HTML = Pattern.compile("(?is)<!doctype|<(html|head|body|p|div|span|a|br|hr|table|thead|tbody|tr|td|th"
            + "|img|h[1-6]|ul|ol|li|strong|em|b|i|u|font|center|style|meta|section|header|footer|button|blockquote|pre)(\\s[^>]*)?/?>");

    private ChannelTypes() {
    }

    /** Whether an email body (its template, or the message rendered from it) is HTML. */
    public static boolean isHtml(String body) {
        return body != null && HTML.matcher(body).find();
    }

    /**
     * How values inserted in a part are escaped: an email body that is HTML escapes them as HTML
     * ({@code | raw} opts out), a webhook body as JSON; other parts write them as they are.
     */
    public static Escape escape(ChannelType type, String part, String template) {
        if (type.id().equals(EMAIL) && part.equals("body") && isHtml(template)) {
            return Escape.HTML;
        }
        if (type.id().equals(WEBHOOK) && part.equals("body")) {
            return Escape.JSON;
        }
        return Escape.NONE;
    }

    private static void add(ChannelType type) {
        TYPES.put(type.id(), type);
    }

    public static Optional<ChannelType> find(String id) {
        return Optional.ofNullable(TYPES.get(id));
    }

    public static ChannelType of(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("no channel type '" + id + "'"));
    }

    /** All types, in the order the documentation presents them. */
    public static Map<String, ChannelType> all() {
        return java.util.Collections.unmodifiableMap(TYPES);
    }

    /** The types a campaign delivers with an activity of the same name (all but alerts). */
    public static List<ChannelType> deliveries() {
        return TYPES.values().stream().filter(t -> !t.id().equals(ALERT)).toList();
    }
}
