package dev.ferry.mirror.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ferry.error.HashMismatch;
import dev.ferry.error.NetworkFailure;
import dev.ferry.error.Unreachable;
import dev.ferry.mirror.asset.Asset;
import dev.ferry.mirror.asset.ExpectedHash;
import dev.ferry.mirror.asset.Hash;
import dev.ferry.mirror.asset.Provenance;
import dev.ferry.progress.Progress;
import dev.ferry.progress.ProgressEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verified fetch as a whole, against a local upstream: sources in order, what fails how, resumes that lie. */
class FetcherTest {
    static final byte[] BODY = RangedDownloadTest.random(400_000, 5);

    @TempDir
    Path tmp;

    LocalUpstream upstream;
    Fetcher fetcher;
    final List<String> said = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        upstream = LocalUpstream.start();
        fetcher = new Fetcher(LocalUpstream.fetchOptions(tmp.resolve("cache")), Progress.root("fetch", e -> {
            if (e instanceof ProgressEvent.Said s) {
                said.add(s.text());
            }
        }));
    }

    @AfterEach
    void tearDown() {
        fetcher.close();
        upstream.close();
    }

    /** An asset pinned to {@code hash}, canonically at {@code /upstream/kubelet}, tried from {@code sources}. */
    Asset asset(Hash hash, String... sources) {
        return LocalUpstream.asset(upstream.url("/upstream/kubelet"), new ExpectedHash.Known(hash, Provenance.PINNED), List.of(sources),
                OptionalLong.empty());
    }

    List<String> paths() {
        return upstream.requests().stream().map(LocalUpstream.Request::path).toList();
    }

    @Test
    void sourcesAreTriedInOrderAndTheFirstThatHasTheFileWins() throws IOException {
        upstream.serve("/second/kubelet", BODY).serve("/upstream/kubelet", BODY);
        Asset a = asset(LocalUpstream.sha256(BODY), upstream.url("/first/kubelet"), upstream.url("/second/kubelet"), upstream.url("/upstream/kubelet"));
        CachedFile file = fetcher.fetch(a, Set.of());
        assertArrayEquals(BODY, Files.readAllBytes(file.path()));
        assertEquals(List.of("/first/kubelet", "/second/kubelet"), paths());
        assertEquals(file, fetcher.fetch(a, Set.of()), "then from the cache");
        assertEquals(2, upstream.requests().size());
    }

    @Test
    void aRefusedConnectionFallsThroughToTheNextSourceWithoutRetries() {
        upstream.serve("/upstream/kubelet", BODY);
        String dead = LocalUpstream.deadUrl("/kubelet");
        fetcher.fetch(asset(LocalUpstream.sha256(BODY), dead, upstream.url("/upstream/kubelet")), Set.of());
        assertEquals(List.of("/upstream/kubelet"), paths());
        assertEquals(List.of(), said.stream().filter(l -> l.contains(dead)).toList(), "no retry of a refused connection");
    }

    @Test
    void aServerErrorIsRetriedBeforeTheNextSource() {
        int[] calls = {0};
        upstream.route("/first/kubelet", ex -> {
            if (calls[0]++ < 2) {
                LocalUpstream.send(ex, 503, new byte[0]);
            } else {
                LocalUpstream.send(ex, 200, BODY);
            }
        });
        fetcher.fetch(asset(LocalUpstream.sha256(BODY), upstream.url("/first/kubelet"), upstream.url("/upstream/kubelet")), Set.of());
        assertEquals(List.of("/first/kubelet", "/first/kubelet", "/first/kubelet"), paths());
        assertEquals(2, said.stream().filter(l -> l.contains(upstream.url("/first/kubelet"))).count(), "one line per retry");
    }

    @Test
    void wrongBytesFromTheOnlySourceAreAHashMismatchAndNeverCached() {
        upstream.serve("/upstream/kubelet", BODY);
        Hash pinned = LocalUpstream.sha256(new byte[] {42});
        HashMismatch e = assertThrows(HashMismatch.class, () -> fetcher.fetch(asset(pinned, upstream.url("/upstream/kubelet")), Set.of()));
        assertEquals(upstream.url("/upstream/kubelet"), e.url());
        assertEquals("sha256", e.algorithm());
        assertEquals(pinned.hex(), e.expected());
        assertEquals(LocalUpstream.sha256(BODY).hex(), e.actual());
        assertEquals(Optional.empty(), fetcher.cache().find(pinned));
        assertEquals(Optional.empty(), fetcher.cache().find(LocalUpstream.sha256(BODY)));
        assertFalse(Files.exists(fetcher.cache().partial(pinned)), "bytes that failed verification are not kept to resume into");
    }

    @Test
    void whenNoSourceAnswersTheLastSourcesFailureIsTheError() {
        String dead = LocalUpstream.deadUrl("/kubelet");
        Hash h = LocalUpstream.sha256(BODY);

        Asset refusedLast = asset(h, upstream.url("/upstream/kubelet"), dead);
        Unreachable e = assertThrows(Unreachable.class, () -> fetcher.fetch(refusedLast, Set.of()));
        assertEquals(refusedLast.url(), e.url());
        assertEquals(NetworkFailure.Kind.REFUSED, e.failure().kind());
        assertEquals(NetworkFailure.hostOf(dead), e.failure().host());

        Asset notFoundLast = asset(h, dead, upstream.url("/upstream/kubelet"));
        Unreachable e2 = assertThrows(Unreachable.class, () -> fetcher.fetch(notFoundLast, Set.of()));
        assertEquals(NetworkFailure.Kind.HTTP_STATUS, e2.failure().kind());
        assertEquals(404, e2.failure().status());
        assertEquals("127.0.0.1:" + upstream.port(), e2.failure().host());
    }

    @Test
    void aResumedDownloadThatFailsItsHashIsFetchedOnceMoreFromByteZero() throws IOException {
        upstream.serve("/upstream/kubelet", BODY);
        Hash want = LocalUpstream.sha256(BODY);
        Path part = fetcher.cache().partial(want);
        Files.createDirectories(part.getParent());
        Files.write(part, RangedDownloadTest.random(100_000, 77)); // an earlier run's piece, with bad bytes in it

        CachedFile file = fetcher.fetch(asset(want, upstream.url("/upstream/kubelet")), Set.of());
        assertArrayEquals(BODY, Files.readAllBytes(file.path()));
        assertEquals(List.of(Optional.of("bytes=100000-"), Optional.empty()),
                upstream.requests().stream().map(LocalUpstream.Request::range).toList());
    }

    @Test
    void aSourceWhoseWholeFileIsWrongIsGivenUpAfterTheOneFreshTry() throws IOException {
        upstream.serve("/upstream/kubelet", BODY);
        Hash want = LocalUpstream.sha256(new byte[] {1, 2, 3});
        Path part = fetcher.cache().partial(want);
        Files.createDirectories(part.getParent());
        Files.write(part, Arrays.copyOf(BODY, 1000));

        HashMismatch e = assertThrows(HashMismatch.class, () -> fetcher.fetch(asset(want, upstream.url("/upstream/kubelet")), Set.of()));
        assertEquals(LocalUpstream.sha256(BODY).hex(), e.actual());
        assertEquals(List.of(Optional.of("bytes=1000-"), Optional.empty()),
                upstream.requests().stream().map(LocalUpstream.Request::range).toList(), "one resume, one try from byte 0, no more");
    }
}
