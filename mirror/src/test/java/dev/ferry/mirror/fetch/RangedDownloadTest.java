package dev.ferry.mirror.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.error.NetworkFailure;
import dev.ferry.mirror.asset.HashAlgorithm;
import dev.ferry.progress.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One attempt at one URL: whole bodies, resumes, servers that answer a resume badly, broken bodies, statuses. */
class RangedDownloadTest {
    /** Larger than one 256 KiB buffer, so a resume and a broken body both cross buffer boundaries. */
    static final byte[] BODY = random(600_000, 7);
    static final String PATH = "/release/v1.30.0/bin/linux/amd64/kubelet";

    @TempDir
    Path tmp;

    LocalUpstream upstream;
    RangedDownload download;
    Path part;

    @BeforeEach
    void setUp() {
        upstream = LocalUpstream.start();
        download = new RangedDownload(upstream.client(), Progress.none());
        part = tmp.resolve("partial/sha256-x");
    }

    @AfterEach
    void tearDown() {
        upstream.close();
    }

    static byte[] random(int size, int seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    void keep(byte[] prefix) throws IOException {
        Files.createDirectories(part.getParent());
        Files.write(part, prefix);
    }

    RangedDownload.Received attempt() throws SourceFailure {
        return download.attempt(upstream.url(PATH), part, Set.of(HashAlgorithm.MD5), -1);
    }

    @Test
    void aWholeBodyIsWrittenAndHashedInOnePass() throws Exception {
        upstream.serve(PATH, BODY);
        RangedDownload.Received got = attempt();
        assertFalse(got.resumed());
        assertEquals(LocalUpstream.digests(BODY, true).md5(), got.digests().md5(), "md5 asked for, computed in the same pass");
        assertEquals(LocalUpstream.sha256(BODY), got.digests().sha256());
        assertEquals(BODY.length, got.digests().size());
        assertArrayEquals(BODY, Files.readAllBytes(part));
        assertEquals(List.of(Optional.empty()), upstream.requests(PATH).stream().map(LocalUpstream.Request::range).toList(), "no Range without a prefix");
    }

    @Test
    void aResumeAsksForTheRestAndItsDigestsCoverTheWholeFile() throws Exception {
        upstream.serve(PATH, BODY);
        int kept = 300_000;
        keep(Arrays.copyOf(BODY, kept));
        RangedDownload.Received got = attempt();
        assertTrue(got.resumed());
        assertEquals(List.of(Optional.of("bytes=" + kept + "-")), upstream.requests(PATH).stream().map(LocalUpstream.Request::range).toList());
        assertEquals(LocalUpstream.sha256(BODY), got.digests().sha256(), "the kept prefix is hashed from disk");
        assertEquals(LocalUpstream.digests(BODY, true).md5(), got.digests().md5());
        assertEquals(BODY.length, got.digests().size());
        assertArrayEquals(BODY, Files.readAllBytes(part));
    }

    @Test
    void aServerThatIgnoresRangeRestartsTheFileFromByteZero() throws Exception {
        upstream.route(PATH, ex -> LocalUpstream.send(ex, 200, BODY));
        keep(random(400_000, 99)); // a prefix that is not BODY's: none of it may survive
        RangedDownload.Received got = attempt();
        assertFalse(got.resumed());
        assertEquals(Optional.of("bytes=400000-"), upstream.requests(PATH).get(0).range());
        assertEquals(LocalUpstream.sha256(BODY), got.digests().sha256());
        assertArrayEquals(BODY, Files.readAllBytes(part));
    }

    @Test
    void aRefusedResumeDeletesThePartialAndIsWorthAnotherAttempt() throws Exception {
        upstream.route(PATH, ex -> LocalUpstream.send(ex, 416, new byte[0]));
        keep(Arrays.copyOf(BODY, 1000));
        SourceFailure f = assertThrows(SourceFailure.class, this::attempt);
        assertTrue(f.retryable());
        assertFalse(Files.exists(part), "the next attempt starts from byte 0");
    }

    @Test
    void aResumeAtTheWrongOffsetDeletesThePartialAndIsWorthAnotherAttempt() throws Exception {
        upstream.route(PATH, ex -> {
            ex.getResponseHeaders().set("Content-Range", "bytes 0-" + (BODY.length - 1) + "/" + BODY.length);
            LocalUpstream.send(ex, 206, BODY);
        });
        keep(Arrays.copyOf(BODY, 1000));
        SourceFailure f = assertThrows(SourceFailure.class, this::attempt);
        assertTrue(f.retryable());
        assertFalse(Files.exists(part));
    }

    @Test
    void aResetMidBodyKeepsTheBytesReceivedForTheNextAttempt() throws Exception {
        int sent = 300_000;
        upstream.route(PATH, ex -> {
            ex.sendResponseHeaders(200, BODY.length);
            ex.getResponseBody().write(BODY, 0, sent);
            ex.getResponseBody().flush();
            throw new IOException("injected reset: the server drops the connection short of the promised length");
        });
        SourceFailure f = assertThrows(SourceFailure.class, this::attempt);
        assertTrue(f.retryable());
        assertEquals(NetworkFailure.Kind.RESET, f.failure().kind());
        assertArrayEquals(Arrays.copyOf(BODY, sent), Files.readAllBytes(part), "every byte that arrived is in the partial file");

        upstream.serve(PATH, BODY);
        RangedDownload.Received got = attempt();
        assertTrue(got.resumed());
        assertEquals(Optional.of("bytes=" + sent + "-"), upstream.requests(PATH).get(1).range());
        assertEquals(LocalUpstream.sha256(BODY), got.digests().sha256());
    }

    @Test
    void notFoundIsFinalAndUnavailableIsWorthAnotherAttempt() {
        upstream.route(PATH, ex -> LocalUpstream.send(ex, 404, new byte[0]));
        SourceFailure notFound = assertThrows(SourceFailure.class, this::attempt);
        assertFalse(notFound.retryable());
        assertEquals(NetworkFailure.Kind.HTTP_STATUS, notFound.failure().kind());
        assertEquals(404, notFound.failure().status());
        assertEquals("127.0.0.1:" + upstream.port(), notFound.failure().host());

        upstream.route(PATH, ex -> LocalUpstream.send(ex, 503, new byte[0]));
        SourceFailure unavailable = assertThrows(SourceFailure.class, this::attempt);
        assertTrue(unavailable.retryable());
        assertEquals(NetworkFailure.Kind.HTTP_STATUS, unavailable.failure().kind());
        assertEquals(503, unavailable.failure().status());
    }

    @Test
    void aPartialLongerThanTheExpectedSizeIsDiscarded() throws Exception {
        upstream.serve(PATH, BODY);
        keep(random(BODY.length + 10, 3));
        RangedDownload.Received got = download.attempt(upstream.url(PATH), part, Set.of(), BODY.length);
        assertFalse(got.resumed());
        assertEquals(Optional.empty(), upstream.requests(PATH).get(0).range());
        assertArrayEquals(BODY, Files.readAllBytes(part));
    }

    @Test
    void contentRangeStartIsRead() {
        assertEquals(100, RangedDownload.rangeStart("bytes 100-999/1000"));
        assertEquals(-1, RangedDownload.rangeStart(null));
        assertEquals(-1, RangedDownload.rangeStart("bytes */1000"));
        assertEquals(-1, RangedDownload.rangeStart("items 1-2/3"));
    }
}
