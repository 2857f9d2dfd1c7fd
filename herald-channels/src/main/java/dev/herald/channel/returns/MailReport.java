package dev.herald.channel.returns;

import dev.herald.channel.Bounce;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a message that came back to the return mailbox says about one of Herald's messages: a
 * delivery status notification (RFC 3464: {@code multipart/report; report-type=delivery-status})
 * whose recipient {@code failed}, or a complaint (RFC 5965: {@code report-type=feedback-report}
 * of {@code Feedback-Type: abuse} or {@code fraud}). The message is found by the {@code Message-ID}
 * Herald gave it ({@code <herald.DELIVERY.ID@domain>}) in the returned headers or message.
 * <p>
 * Anything else — an out-of-office reply quoting the message, a {@code delayed} notice, a bounce
 * in free text — is no report: guessing at free text would suppress addresses that still work.
 *
 * @param messageId the message's id in the log
 * @param kind      how the DSN's status code counts against the address ({@link Bounce#ofSmtp}; a
 *                  {@code 4.x.x} the relay gave up on is {@link Bounce#SOFT}), or {@link Bounce#COMPLAINT}
 * @param detail    the status and diagnostic, or the feedback type and who reported it
 */
public record MailReport(long messageId, Bounce kind, String detail) {

    private static final Pattern HERALD_ID = Pattern.compile("<herald\\.(\\d{1,19})\\.(\\d{1,19})@[^>\\s]+>");
    private static final Pattern STATUS = Pattern.compile("([245])\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern REPLY = Pattern.compile("(?i)smtp\\s*;\\s*([245]\\d\\d)\\b");
    private static final Set<String> COMPLAINTS = Set.of("abuse", "fraud");

    /** What the returned message says, or empty when it is no report on one of Herald's messages. */
    public static Optional<MailReport> read(MimeMessage returned) throws MessagingException, IOException {
        if (!returned.isMimeType("multipart/report")) {
            return Optional.empty();
        }
        String type = new ContentType(returned.getContentType()).getParameter("report-type");
        Object content = returned.getContent();
        if (type == null || !(content instanceof Multipart parts)) {
            return Optional.empty();
        }
        Long messageId = null;
        List<InternetHeaders> report = null;
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (part.isMimeType("message/delivery-status") || part.isMimeType("message/feedback-report")) {
                report = blocks(part);
            } else if (part.isMimeType("text/rfc822-headers") || part.isMimeType("message/rfc822")) {
                messageId = heraldId(part);
            }
        }
        if (messageId == null || report == null || report.isEmpty()) {
            return Optional.empty();
        }
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "delivery-status" -> bounce(messageId, report);
            case "feedback-report" -> complaint(messageId, report.get(0));
            default -> Optional.empty();
        };
    }

    /** The first recipient that {@code failed}: its status code says how hard. */
    private static Optional<MailReport> bounce(long messageId, List<InternetHeaders> blocks) {
        for (InternetHeaders recipient : blocks.subList(1, blocks.size())) {
            if (!"failed".equalsIgnoreCase(value(recipient, "Action"))) {
                continue;
            }
            String status = value(recipient, "Status");
            String diagnostic = value(recipient, "Diagnostic-Code");
            Matcher code = STATUS.matcher(status == null ? "" : status);
            Matcher reply = REPLY.matcher(diagnostic == null ? "" : diagnostic);
            int replyCode = reply.find() ? Integer.parseInt(reply.group(1)) : 0;
            Bounce kind;
            if (code.find() && code.group(1).equals("5")) {
                kind = Bounce.ofSmtp(replyCode, code.group());
            } else {
                kind = Bounce.SOFT; // 4.x.x given up on after the relay's retries
            }
            String detail = (status == null ? "" : status.strip() + " ") + (diagnostic == null ? "" : diagnostic.strip());
            String recipientName = value(recipient, "Final-Recipient");
            return Optional.of(new MailReport(messageId, kind, "returned: " + detail.strip() + (recipientName == null ? "" : " (" + recipientName.strip() + ")")));
        }
        return Optional.empty();
    }

    private static Optional<MailReport> complaint(long messageId, InternetHeaders feedback) {
        String type = value(feedback, "Feedback-Type");
        if (type == null || !COMPLAINTS.contains(type.strip().toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        String by = value(feedback, "Reporting-MTA");
        if (by == null) {
            by = value(feedback, "User-Agent");
        }
        return Optional.of(new MailReport(messageId, Bounce.COMPLAINT,
                "complaint: " + type.strip() + (by == null ? "" : " reported by " + by.strip())));
    }

    /** The field blocks of a report part: the message's, then one per recipient. */
    private static List<InternetHeaders> blocks(Part part) throws MessagingException, IOException {
        String text;
        try (InputStream in = part.getInputStream()) {
            text = new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8);
        }
        List<InternetHeaders> blocks = new ArrayList<>();
        for (String block : text.split("\\r?\\n(?:[ \\t]*\\r?\\n)+")) {
            if (!block.isBlank()) {
                blocks.add(new InternetHeaders(new ByteArrayInputStream((block.strip() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8))));
            }
        }
        return blocks;
    }

    /** The message id of Herald's {@code Message-ID} in returned headers or a returned message, or null. */
    private static Long heraldId(Part part) throws MessagingException, IOException {
        String header;
        if (part.isMimeType("message/rfc822") && part.getContent() instanceof jakarta.mail.Message returned) {
            String[] values = returned.getHeader("Message-ID");
            header = values == null ? null : values[0];
        } else {
            try (InputStream in = part.getInputStream()) {
                header = new InternetHeaders(in).getHeader("Message-ID", null);
            }
        }
        Matcher m = HERALD_ID.matcher(header == null ? "" : header);
        if (!m.find()) {
            return null;
        }
        try {
            long delivery = Long.parseLong(m.group(1));
            long id = Long.parseLong(m.group(2));
            return id >>> 32 == delivery ? id : null; // an id numbered from its delivery's, or not Herald's
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String value(InternetHeaders headers, String name) {
        return headers.getHeader(name, " ");
    }
}
