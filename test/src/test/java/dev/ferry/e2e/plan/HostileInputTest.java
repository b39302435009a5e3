package dev.ferry.e2e.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.e2e.support.Cli;
import dev.ferry.e2e.support.FerryProcess;
import dev.ferry.e2e.support.TestLock;
import dev.ferry.e2e.support.Upstream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hand-written locks and manifests cannot make Ferry publish a local file, carry a password, or fetch
 * from a metadata address unannounced; a server's login comes from ~/.netrc instead.
 */
class HostileInputTest {
    @TempDir
    Path tmp;

    /** A lock as Ferry writes it, for one asset, with the given sources (and sidecar URL, when not null). */
    private Path lock(String name, String url, String sha256, List<String> sources) throws Exception {
        StringBuilder sb = new StringBuilder("lockVersion: 1\ngeneratedBy: \"hand-written\"\nlayout: kops\nselections: []\nassets:\n")
                .append("- url: \"").append(url).append("\"\n  kind: extra\n  arch: \"-\"\n  version: \"\"\n  keys:\n")
                .append("    kops: r/a\n    legacy: r/a\n  hash:\n    sha256: ").append(sha256).append("\n    from: manifest\n");
        if (!sources.isEmpty()) {
            sb.append("  sources:\n");
            sources.forEach(s -> sb.append("  - \"").append(s).append("\"\n"));
        }
        return Files.writeString(tmp.resolve(name), sb.toString());
    }

    private Cli.Result sync(Path lock) {
        return Cli.run("mirror", "sync", "--lock", lock.toString(), "--to", "file:" + tmp.resolve("mirror"), "--cache", tmp.resolve("cache").toString());
    }

    @Test
    void fileUrlsAreRefusedEverywhere() throws Exception {
        Path secret = Files.writeString(tmp.resolve("secret"), "this machine's file");
        String sha = TestLock.sha256(Files.readAllBytes(secret));
        String file = secret.toUri().toString();
        for (Path lock : List.of(lock("source.lock", "https://dl.example.invalid/r/a", sha, List.of(file, "https://dl.example.invalid/r/a")),
                lock("url.lock", file, sha, List.of()))) {
            Cli.Result r = sync(lock);
            assertEquals(2, r.exit(), r.toString());
            assertTrue(r.err().contains(lock + ":") && r.err().contains("is a file: URL"), r.err());
        }
        assertFalse(Files.exists(tmp.resolve("mirror/r/a")), "nothing of this machine was published");

        Path manifest = Files.writeString(tmp.resolve("ferry.yaml"), "files:\n- url: " + file + "\n  sha256: " + sha + "\n");
        Cli.Result m = Cli.run("mirror", "plan", "--manifest", manifest.toString());
        assertEquals(2, m.exit(), m.toString());
        assertTrue(m.err().contains("ferry.yaml:2: ") && m.err().contains("is a file: URL"), m.err());

        Path mirrors = Files.writeString(tmp.resolve("mirrors.yaml"), "clusters:\n- kops: 1.30.4\n  kubernetes: 1.30.0\n"
                + "sourceMirrors:\n- {prefix: \"https://dl.k8s.io/\", url: \"file:///srv/\"}\n");
        Cli.Result sm = Cli.run("mirror", "plan", "--manifest", mirrors.toString());
        assertEquals(2, sm.exit(), sm.toString());
        assertTrue(sm.err().contains("is a file: URL"), sm.err());

        Cli.Result flag = Cli.run("mirror", "plan", "--kops", "1.30.4", "--kubernetes", "1.30.0", "--source-mirror", "https://dl.k8s.io/=file:///srv/");
        assertEquals(2, flag.exit(), flag.toString());
        assertTrue(flag.err().contains("is a file: URL"), flag.err());

        Path assets = Files.writeString(tmp.resolve("assets.yaml"), "files:\n- canonical: " + file + "\n  sha: " + sha + "\n");
        Cli.Result ka = Cli.run("mirror", "plan", "--kops", "1.30.4", "--from-kops-assets", assets.toString());
        assertEquals(2, ka.exit(), ka.toString());
        assertTrue(ka.err().contains("assets.yaml:2: ") && ka.err().contains("is a file: URL"), ka.err());
    }

    @Test
    void credentialsInAUrlAreRefusedWithoutShowingThem() throws Exception {
        Path lock = lock("creds.lock", "https://dl.example.invalid/r/a", "ab".repeat(32),
                List.of("http://ferry:s3cret@127.0.0.1:9/r/a", "https://dl.example.invalid/r/a"));
        Cli.Result r = sync(lock);
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("holds credentials") && r.err().contains("~/.netrc") && r.err().contains("--proxy"), r.err());
        assertFalse(r.toString().contains("s3cret"), "the password is never shown: " + r);
    }

    @Test
    void aLinkLocalOrMetadataSourceIsWarnedAbout() throws Exception {
        byte[] bytes = TestLock.bytes(10_000, 81);
        try (Upstream up = Upstream.start()) {
            up.file("/r/a", bytes);
            // The metadata addresses come after a source that answers, so nothing is ever sent to them.
            Path lock = lock("meta.lock", up.url("/r/a"), TestLock.sha256(bytes), List.of(up.url("/r/a"),
                    "http://169.254.169.254/latest/meta-data/iam/security-credentials/r/a", "http://[fd00:ec2::254]/r/a"));
            Cli.Result r = sync(lock);
            assertEquals(0, r.exit(), r.toString());
            assertTrue(r.err().contains("warning: http://169.254.169.254/latest/meta-data/iam/security-credentials/r/a points at a link-local"
                    + " or cloud metadata address (169.254.169.254)"), r.err());
            assertTrue(r.err().contains("(fd00:ec2::254)"), r.err());
        }
    }

    @Test
    void aServersLoginComesFromNetrc() throws Exception {
        byte[] bytes = TestLock.bytes(20_000, 82);
        try (Upstream up = Upstream.start()) {
            up.file("/private/r/a", bytes).requireLogin("/private/r/a", "ferry", "s3cret");
            Path lock = lock("private.lock", up.url("/private/r/a"), TestLock.sha256(bytes), List.of());
            Path netrc = Files.writeString(tmp.resolve("netrc"), "machine 127.0.0.1\n  login ferry\n  password s3cret\n");
            List<String> args = List.of("mirror", "sync", "--lock", lock.toString(), "--to", "file:" + tmp.resolve("mirror"),
                    "--cache", tmp.resolve("cache").toString(), "--retries", "0");
            Process without = FerryProcess.start(List.of(), args, Map.of("NETRC", tmp.resolve("none").toString()), tmp.resolve("without.log"));
            assertTrue(without.waitFor(60, TimeUnit.SECONDS));
            assertEquals(1, without.exitValue(), Files.readString(tmp.resolve("without.log")));
            assertTrue(Files.readString(tmp.resolve("without.log")).contains("HTTP 401"), Files.readString(tmp.resolve("without.log")));

            Path log = tmp.resolve("sync.log");
            Process with = FerryProcess.start(List.of(), args, Map.of("NETRC", netrc.toString()), log);
            assertTrue(with.waitFor(60, TimeUnit.SECONDS));
            String out = Files.readString(log);
            assertEquals(0, with.exitValue(), out);
            assertFalse(out.contains("s3cret"), out);
            assertEquals(TestLock.sha256(bytes), TestLock.sha256(Files.readAllBytes(tmp.resolve("mirror/r/a"))));
        }
    }
}
