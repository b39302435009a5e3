package dev.ferry.e2e.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.e2e.support.Cli;
import dev.ferry.e2e.support.S3Bucket;
import dev.ferry.e2e.support.TestLock;
import dev.ferry.e2e.support.Upstream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ETag == MD5 for every published object, as a real S3 client other than the SDK (awscli) sees it. */
class AwsCliEtagTest {
    @TempDir
    Path tmp;

    static boolean awsInstalled() {
        try {
            Process p = new ProcessBuilder("aws", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void awsCliSeesTheMd5AsTheEtagOfEveryPublishedObject() throws Exception {
        Assumptions.assumeTrue(awsInstalled(), "SKIPPED: awscli (`aws`) is not installed; apt-get install -y awscli to run this check");
        byte[] kubelet = TestLock.bytes(2 << 20, 7);
        byte[] nodeup = TestLock.bytes(300_000, 8);
        try (S3Bucket bucket = S3Bucket.start("etag"); Upstream up = Upstream.start()) {
            up.file("/bin/kubelet", kubelet).file("/bin/nodeup", nodeup);
            Path lock = new TestLock().known(up.url("/bin/kubelet"), kubelet).known(up.url("/bin/nodeup"), nodeup).write(tmp.resolve("l.lock"));
            List<String> args = new ArrayList<>(List.of("mirror", "sync", "--lock", lock.toString(), "--to", bucket.target("m"),
                    "--cache", tmp.resolve("c").toString()));
            args.addAll(bucket.ferryFlags());
            Cli.Result r = Cli.run(args);
            assertEquals(0, r.exit(), r.toString());
            for (var e : java.util.Map.of("m/bin/kubelet", kubelet, "m/bin/nodeup", nodeup).entrySet()) {
                ProcessBuilder pb = new ProcessBuilder("aws", "s3api", "head-object", "--bucket", "etag", "--key", e.getKey(),
                        "--endpoint-url", bucket.endpoint().toString(), "--output", "json");
                pb.environment().putAll(bucket.env());
                pb.redirectErrorStream(true);
                Process p = pb.start();
                String json = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(p.waitFor(60, TimeUnit.SECONDS));
                assertEquals(0, p.exitValue(), json);
                assertTrue(json.contains("\"ETag\": \"\\\"" + TestLock.md5(e.getValue()) + "\\\"\""), json);
                assertTrue(json.contains("\"sha256\": \"" + TestLock.sha256(e.getValue()) + "\""), json);
            }
        }
    }
}
