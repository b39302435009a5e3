package dev.ferry.mirror.fetch;

import dev.ferry.format.DirectFileWriter;
import dev.ferry.http.HttpClient;
import dev.ferry.mirror.asset.Digests;
import dev.ferry.mirror.asset.HashAlgorithm;
import dev.ferry.progress.Progress;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import okhttp3.Request;
import okhttp3.Response;
import okio.BufferedSource;

/**
 * One attempt at one URL: GET into a partial file, with {@code Range} when the file already holds a prefix,
 * hashing every byte of the file in the same pass that writes it. Bytes that arrived before a connection broke
 * stay written, so the next attempt resumes after them.
 */
final class RangedDownload {
    private final HttpClient http;
    private final Progress progress;

    RangedDownload(HttpClient http, Progress progress) {
        this.http = http;
        this.progress = progress;
    }

    /** What one successful attempt wrote: the digests of the whole file, and whether it continued an earlier piece. */
    record Received(Digests digests, boolean resumed) {}

    Received attempt(String url, Path part, Set<HashAlgorithm> also, long expectedSize) throws SourceFailure {
        long have = keptPrefix(part, expectedSize);
        Request.Builder req = new Request.Builder().url(url)
                .header("User-Agent", HttpClient.USER_AGENT)
                .header("Accept-Encoding", "identity"); // the bytes as published, so hashes and Range offsets agree
        if (have > 0) {
            req.header("Range", "bytes=" + have + "-");
        }
        Response resp;
        try {
            resp = http.call(req.build()).execute();
        } catch (IllegalArgumentException e) {
            throw SourceFailure.permanent("not a usable URL", url);
        } catch (IOException e) {
            throw SourceFailure.of(e, url);
        }
        try (resp) {
            long from = startOf(resp, url, part, have);
            try (BufferedSource in = resp.body().source()) {
                return new Received(write(in, part, from, also, resp.body().contentLength()), from > 0);
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

    /**
     * Appends {@code in} to the first {@code keep} bytes of {@code part}, hashing everything in one pass. The bytes
     * go from the network buffer into the writer's aligned buffer and from there to the disk directly
     * ({@link DirectFileWriter}): one copy on the way, and no page cache to fill.
     */
    private Digests write(BufferedSource in, Path part, long keep, Set<HashAlgorithm> also, long bodyLength) throws IOException {
        Files.createDirectories(part.getParent());
        RunningDigests digests = new RunningDigests(also);
        hashKept(part, keep, digests);
        try (DirectFileWriter out = DirectFileWriter.open(part, keep, false, bodyLength)) {
            try {
                // Whole buffers: one write and one digest update per buffer, not per 8 KiB network segment.
                for (ByteBuffer got = out.fill(in); got.hasRemaining(); got = out.fill(in)) {
                    int n = got.remaining();
                    digests.update(got);
                    progress.moved(n);
                }
            } catch (IOException e) {
                try {
                    out.force(); // what arrived stays, for the next attempt to resume after
                } catch (IOException alsoFailed) {
                    e.addSuppressed(alsoFailed);
                }
                throw e;
            }
            out.force();
        }
        return digests.digests();
    }

    /** On a resume the kept prefix is hashed from disk, so the digests cover every byte of the file. */
    private static void hashKept(Path part, long keep, RunningDigests digests) throws IOException {
        if (keep == 0) {
            return;
        }
        try (FileChannel ch = FileChannel.open(part, StandardOpenOption.READ)) {
            ByteBuffer kept = ByteBuffer.allocate((int) Math.min(DirectFileWriter.BUFFER, keep));
            while (digests.size() < keep) {
                kept.clear().limit((int) Math.min(kept.capacity(), keep - digests.size()));
                if (ch.read(kept, digests.size()) < 0) {
                    throw new IOException(part + " is shorter than the " + keep + " bytes to resume after");
                }
                digests.update(kept.flip());
            }
        }
    }

    /** How much of an earlier attempt's partial file to keep: all of it, unless it is longer than the asset. */
    private static long keptPrefix(Path part, long expectedSize) {
        long have = size(part);
        if (expectedSize >= 0 && have > expectedSize) {
            deleteQuietly(part);
            return 0;
        }
        return have;
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
