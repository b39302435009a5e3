package dev.ferry.e2e.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.e2e.support.Cli;
import dev.ferry.e2e.support.S3Bucket;
import dev.ferry.e2e.support.TestLock;
import dev.ferry.e2e.support.Upstream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bucket that does not exist is said so, once, before anything is downloaded: by sync, its dry run, and verify. */
class MissingBucketTest {
    static S3Bucket s3;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        s3 = S3Bucket.start("mirror");
    }

    @AfterAll
    static void stop() {
        s3.close();
    }

    @Test
    void aMissingBucketIsReportedBeforeAnyDownload() {
        byte[] a = TestLock.bytes(50_000, 51);
        byte[] b = TestLock.bytes(50_000, 52);
        try (Upstream up = Upstream.start()) {
            up.file("/r/a", a).file("/r/b", b);
            Path lock = new TestLock().known(up.url("/r/a"), a).known(up.url("/r/b"), b).write(tmp.resolve("ferry.lock"));
            List<String> sync = Cli.args(List.of("mirror", "sync", "--lock", lock.toString(), "--to", "s3://no-such-bucket/kops",
                    "--cache", tmp.resolve("cache").toString()), s3.ferryFlags().toArray(String[]::new));
            for (List<String> args : List.of(sync, Cli.args(sync, "--dry-run"))) {
                Cli.Result r = Cli.run(args);
                assertEquals(1, r.exit(), r.toString());
                assertTrue(r.err().contains("the bucket no-such-bucket does not exist"), r.err());
                assertTrue(r.err().contains("create it first"), r.err());
                assertFalse(r.out().contains("would publish") || r.err().contains("Broken pipe"), r.toString());
            }
            assertEquals(List.of(), up.requests(), "nothing was downloaded");

            Cli.Result verify = Cli.run(Cli.args(List.of("mirror", "verify", "--lock", lock.toString(), "--to", "s3://no-such-bucket/kops"),
                    s3.ferryFlags().toArray(String[]::new)));
            assertEquals(1, verify.exit(), verify.toString());
            assertTrue(verify.err().contains("the bucket no-such-bucket does not exist"), verify.err());
        }
    }
}
