package dev.herald.server.api;

import java.io.InputStream;

/** An answer that is a file rather than JSON: streamed to the client as it is read, then closed. */
record Download(String contentType, String fileName, InputStream content) {
}
