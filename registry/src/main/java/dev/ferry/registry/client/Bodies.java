package dev.ferry.registry.client;

import java.io.IOException;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;

/** Reading small response bodies (manifests, tokens, errors) whole, never more than a limit. */
final class Bodies {
    private Bodies() {}

    /** The body's bytes; an {@link IOException} when it is longer than {@code max}. */
    static byte[] read(ResponseBody body, int max, String what) throws IOException {
        BufferedSource source = body.source();
        Buffer buffer = new Buffer();
        while (!source.exhausted()) {
            source.read(buffer, 64 * 1024);
            if (buffer.size() > max) {
                throw new IOException(what + " is larger than " + max + " bytes");
            }
        }
        return buffer.readByteArray();
    }

    /** Up to {@code max} bytes of an error body, as text for a message; empty when unreadable. */
    static String text(ResponseBody body, int max) {
        try {
            BufferedSource source = body.source();
            source.request(max);
            Buffer b = source.getBuffer();
            return b.readUtf8(Math.min(b.size(), max));
        } catch (IOException e) {
            return "";
        }
    }
}
