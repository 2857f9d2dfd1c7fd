package dev.herald.store.delivery;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/**
 * The view-online mirrors of emails ({@code herald_mirror}): each body as its recipient got it,
 * gzip-compressed.
 */
public final class Mirrors {

    private static final Table<Record> MIRROR = table(name("herald_mirror"));
    private static final Field<Long> MESSAGE_ID = field(name("message_id"), Long.class);
    private static final Field<byte[]> BODY = field(name("body"), byte[].class);

    private Mirrors() {
    }

    /** Keeps the bodies of sent messages, by message id, in the caller's unit of work; a body kept already stays. */
    public static void keep(DSLContext dsl, Map<Long, String> bodies) {
        if (bodies.isEmpty()) {
            return;
        }
        var insert = dsl.insertInto(MIRROR).columns(MESSAGE_ID, BODY);
        for (var e : bodies.entrySet()) {
            insert = insert.values(e.getKey(), gzip(e.getValue()));
        }
        insert.onConflictDoNothing().execute();
    }

    /** The body a message's recipient got, when it was kept. */
    public static Optional<String> read(DSLContext dsl, long messageId) {
        return dsl.select(BODY).from(MIRROR).where(MESSAGE_ID.eq(messageId)).fetchOptional(BODY).map(Mirrors::gunzip);
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length() / 4 + 64);
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static String gunzip(byte[] body) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
