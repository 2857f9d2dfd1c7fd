package dev.herald.server.api;

import dev.herald.security.ApiKey;
import io.javalin.http.Context;

/** One call of the API: the request, the key that made it, and what the call says it did (for the audit log). */
final class ApiCall {

    final Context ctx;
    final ApiKey key;
    private String did;
    private int status;

    ApiCall(Context ctx, ApiKey key) {
        this.ctx = ctx;
        this.key = key;
    }

    /** The JSON body as a {@code type}, read strictly. */
    <T> T body(Class<T> type) {
        return Json.read(ctx.body(), type);
    }

    /**
     * The request body as a stream of at most {@code max} bytes, read as it arrives (an upload is
     * not held in memory); reading past {@code max} is a {@code 413} problem.
     */
    java.io.InputStream upload(long max) throws java.io.IOException {
        return new Bounded(ctx.bodyInputStream(), max);
    }

    /** Counts what is read of a request body and refuses past its bound. */
    private static final class Bounded extends java.io.FilterInputStream {
        private final long max;
        private long read;

        Bounded(java.io.InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws java.io.IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws java.io.IOException {
            int n = super.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > max) {
                throw new ApiProblem(413, "too-large", "the request body is over " + max / (1024 * 1024) + " MiB; send it in parts");
            }
        }
    }

    /** A path parameter that is a whole number, such as a run id. */
    long id(String name) {
        String text = ctx.pathParam(name);
        try {
            long id = Long.parseLong(text);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException ignored) {
            // said below
        }
        throw new ApiProblem(404, "not-found", "no " + name + " " + dev.herald.text.Echo.quoted(text) + ": " + name + "s are numbered from 1");
    }

    String path(String name) {
        return ctx.pathParam(name);
    }

    /** A query parameter that is a whole number from {@code min} to {@code max}, {@code fallback} when absent. */
    int whole(String name, int fallback, int min, int max) {
        String text = ctx.queryParam(name);
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(text);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // said below
        }
        throw ApiProblem.badRequest(name, name + " is a whole number from " + min + " to " + max);
    }

    /** A query parameter that is true or false, {@code fallback} when absent. */
    boolean flag(String name, boolean fallback) {
        String text = ctx.queryParam(name);
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiProblem.badRequest(name, name + " is true or false");
        };
    }

    /** The cursor of a page: the id the previous page ended on, or null for the first page. */
    Long cursor() {
        String text = ctx.queryParam("cursor");
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest("cursor", "cursor is the next_cursor of the previous page");
        }
    }

    /** Answers with {@code status} instead of the route's usual one (200 rather than 201: nothing new was made). */
    void answer(int status) {
        this.status = status;
    }

    /** The status of a good answer: the route's, unless the call said another. */
    int status(int usual) {
        return status == 0 ? usual : status;
    }

    /** What the call did, in a few words, for the audit log: "started run 12". */
    void did(String what) {
        this.did = what;
    }

    String did() {
        return did;
    }
}
