package dev.ferry.mirror.fetch;

import dev.ferry.http.HttpClient;
import dev.ferry.mirror.asset.Digests;
import dev.ferry.mirror.asset.HashAlgorithm;
import dev.ferry.progress.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import okhttp3.Request;
import okhttp3.Response;

/**
 * One attempt at one URL: GET into a partial file, with {@code Range} when the file already holds a prefix,
 * hashing every byte of the file in the same pass that writes it. Bytes that arrived before a connection broke
 * stay written, so the next attempt resumes after them.
 */
final class RangedDownload {
    static final int BUFFER = 256 * 1024;

    private final HttpClient http;
    private final Progress progress;

    RangedDownload(HttpClient http, Progress progress) {
        this.http = http;
        this.progress = progress;
    }

    /** What one successful attempt wrote: the digests of the whole file, and whether it continued an earlier piece. */
    record Received(Digests digests, boolean resumed) {}

    Received attempt(String url, Path part, Set<HashAlgorithm> also, long expectedSize) throws SourceFailure {
        long have = size(part);
        if (expectedSize >= 0 && have > expectedSize) {
            deleteQuietly(part);
            have = 0;
        }
        Request.Builder req = new Request.Builder().url(url)
                .header("User-Agent", HttpClient.USER_AGENT)
                .header("Accept-Encoding", "identity"); // the bytes as published, so hashes and Range offsets agree
        if (have > 0) {
            req.header("Range", "bytes=" + have + "-");
        }
        Response resp;
        try {
            resp = http.ok().newCall(req.build()).execute();
        } catch (IllegalArgumentException e) {
            throw SourceFailure.permanent("not a usable URL", url);
        } catch (IOException e) {
            throw SourceFailure.of(e, url);
        }
        try (resp) {
            long from = startOf(resp, url, part, have);
            try (InputStream in = resp.body().byteStream()) {
                return new Received(write(in, part, from, also), from > 0);
            } catch (IOException e) {
                throw SourceFailure.of(e, url);
            }
        }
    }

    /** Where the answer's body starts in the file: 0 for a whole body, the kept prefix for a resume. */
    private static long startOf(Response resp, String url, Path part, long have) throws SourceFailure {
        int code = resp.code();
        if (code == 416 && have > 0) {
            deleteQuietly(part);
            throw SourceFailure.again("the server refused to resume (HTTP 416); starting over", url);
        }
        if (code != 200 && code != 206) {
            throw SourceFailure.status(code, url);
        }
        if (code == 200) {
            return 0;
        }
        long from = rangeStart(resp.header("Content-Range"));
        if (from != have) {
            deleteQuietly(part);
            throw SourceFailure.again("the server resumed at the wrong offset; starting over", url);
        }
        return from;
    }

    /** Appends {@code in} to the first {@code keep} bytes of {@code part}, hashing everything in one pass. */
    private Digests write(InputStream in, Path part, long keep, Set<HashAlgorithm> also) throws IOException {
        Files.createDirectories(part.getParent());
        RunningDigests digests = new RunningDigests(also);
        byte[] buf = new byte[BUFFER];
        try (FileChannel ch = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ch.truncate(keep);
            hashKept(ch, keep, digests, buf);
            ch.position(digests.size());
            // Whole buffers: one write and one digest update per 256 KiB, not per 8 KiB network segment.
            boolean eof = false;
            while (!eof) {
                int filled = 0;
                IOException broken = null;
                try {
                    while (filled < buf.length) {
                        int n = in.read(buf, filled, buf.length - filled);
                        if (n < 0) {
                            eof = true;
                            break;
                        }
                        filled += n;
                    }
                } catch (IOException e) {
                    broken = e;
                }
                ByteBuffer bb = ByteBuffer.wrap(buf, 0, filled);
                while (bb.hasRemaining()) {
                    ch.write(bb);
                }
                digests.update(buf, 0, filled);
                progress.moved(filled);
                if (broken != null) {
                    ch.force(false);
                    throw broken;
                }
            }
            ch.force(false);
        }
        return digests.digests();
    }

    /** On a resume the kept prefix is hashed from disk, so the digests cover every byte of the file. */
    private static void hashKept(FileChannel ch, long keep, RunningDigests digests, byte[] buf) throws IOException {
        ByteBuffer kept = ByteBuffer.wrap(buf);
        ch.position(0);
        while (digests.size() < keep) {
            kept.clear().limit((int) Math.min(buf.length, keep - digests.size()));
            int n = ch.read(kept);
            if (n < 0) {
                break;
            }
            digests.update(buf, 0, n);
        }
    }

    /** {@code bytes 100-999/1000} → 100; -1 when absent or malformed. */
    static long rangeStart(String contentRange) {
        if (contentRange == null || !contentRange.startsWith("bytes ")) {
            return -1;
        }
        try {
            return Long.parseLong(contentRange.substring(6, contentRange.indexOf('-')));
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // a stale partial is re-validated on the next attempt
        }
    }
}
