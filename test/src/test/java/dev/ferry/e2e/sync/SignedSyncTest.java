package dev.ferry.e2e.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.e2e.support.Cli;
import dev.ferry.e2e.support.TestLock;
import dev.ferry.e2e.support.Upstream;
import dev.ferry.format.Yaml;
import dev.ferry.format.YamlNode;
import dev.ferry.mirror.signature.TestPgpKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ferry.yaml} entries that name a signature and a keyring, through plan, sync and pack, against a local
 * upstream serving files and signatures made with a key the test generates: what is published, what is refused,
 * and what the lock and {@code --output json} say.
 */
class SignedSyncTest {
    static final byte[] TOOL = TestLock.bytes(200_000, 18);
    static final byte[] PLAIN = TestLock.bytes(50_000, 19);
    static final Instant SIGNED = Instant.parse("2025-06-01T10:00:00Z");
    static final TestPgpKey VENDOR = TestPgpKey.plain("Vendor Release <release@vendor.example>");
    static final TestPgpKey OTHER = TestPgpKey.plain("Mallory <mallory@example.org>");
    static final String VERIFIED = "verified (key " + VENDOR.fingerprint() + ")";

    static Upstream up;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        up = Upstream.start();
    }

    @AfterAll
    static void stop() {
        up.close();
    }

    @BeforeEach
    void serve() throws Exception {
        up.reset();
        up.file("/vendor/tool.tar.gz", TOOL).file("/vendor/tool.tar.gz.asc", VENDOR.sign(TOOL, SIGNED, true));
        up.file("/vendor/plain.bin", PLAIN);
        Files.createDirectories(tmp.resolve("site/keys"));
        Files.write(tmp.resolve("site/keys/vendor.asc"), VENDOR.publicArmoured());
    }

    /** ferry.yaml in site/, its keyring at site/keys/vendor.asc (relative to it), planned into site/ferry.lock. */
    Path plan(String files, String... flags) throws Exception {
        Path manifest = Files.writeString(tmp.resolve("site/ferry.yaml"), "files:\n" + files);
        Path lock = tmp.resolve("site/ferry.lock");
        List<String> args = Cli.args(List.of("mirror", "plan", "--manifest", manifest.toString(), "--lock-file", lock.toString(),
                "--cache", tmp.resolve("cache").toString()), flags);
        Cli.Result r = Cli.run(args);
        assertEquals(0, r.exit(), r.toString());
        return lock;
    }

    String signedTool() {
        return "  - url: " + up.url("/vendor/tool.tar.gz") + "\n    signature: " + up.url("/vendor/tool.tar.gz.asc")
                + "\n    keyring: keys/vendor.asc\n    sha256: " + TestLock.sha256(TOOL) + "\n";
    }

    String plainFile() {
        return "  - url: " + up.url("/vendor/plain.bin") + "\n    sha256: " + TestLock.sha256(PLAIN) + "\n";
    }

    Cli.Result sync(Path lock, String... flags) {
        return Cli.run(Cli.args(List.of("mirror", "sync", "--lock", lock.toString(), "--to", "file:" + tmp.resolve("mirror"),
                "--cache", tmp.resolve("cache").toString(), "--output", "json"), flags));
    }

    /** The {@code signature} each asset has in sync's JSON, by URL. */
    static Map<String, String> signatures(Cli.Result r) {
        YamlNode json = Yaml.parseJson(r.out(), "sync --output json");
        return json.map("json").get("assets").list("assets").stream().collect(java.util.stream.Collectors.toMap(
                a -> a.map("asset").get("url").string("url"), a -> a.map("asset").get("signature").string("signature")));
    }

    boolean published(String name) {
        return Files.exists(tmp.resolve("mirror/vendor/" + name)) || Files.exists(tmp.resolve("mirror/vendor/" + name + ".sha256"));
    }

    @Test
    void aGoodSignatureIsVerifiedWithItsKeyAndPublished() throws Exception {
        Path lock = plan(signedTool());
        String text = Files.readString(lock);
        assertTrue(text.contains("  signature: not-checked\n  signedBy:\n    keyring: keys/vendor.asc\n    detached: "), text);

        Cli.Result r = sync(lock);
        assertEquals(0, r.exit(), r.toString());
        assertEquals(Map.of(up.url("/vendor/tool.tar.gz"), VERIFIED), signatures(r));
        assertTrue(published("tool.tar.gz"));
        assertEquals(TestLock.sha256(TOOL), Files.readString(tmp.resolve("mirror/vendor/tool.tar.gz.sha256")));

        Cli.Result textRun = Cli.run("mirror", "sync", "--lock", lock.toString(), "--to", "file:" + tmp.resolve("mirror2"),
                "--cache", tmp.resolve("cache").toString());
        assertTrue(textRun.out().contains("signatures: 1 verified."), textRun.out());
    }

    @Test
    void aBadSignatureFailsTheAssetAndPublishesNothingOfIt() throws Exception {
        up.file("/vendor/tool.tar.gz.asc", VENDOR.sign("not the release".getBytes(StandardCharsets.US_ASCII), SIGNED, true));
        Path lock = plan(signedTool() + plainFile());
        Cli.Result r = sync(lock);
        assertEquals(1, r.exit(), r.toString());
        assertFalse(published("tool.tar.gz"), "neither the object nor its sidecar");
        assertTrue(published("plain.bin"), "the unsigned file fails only under required");
        assertEquals("refused", signatures(r).get(up.url("/vendor/tool.tar.gz")));
        assertEquals("unsigned", signatures(r).get(up.url("/vendor/plain.bin")));
        assertTrue(r.err().contains("refused: the signature does not match the file"), r.err());
    }

    @Test
    void aSignatureByAnotherKeyIsRefusedNamingTheKeyExpected() throws Exception {
        up.file("/vendor/tool.tar.gz.asc", OTHER.sign(TOOL, SIGNED, true));
        Cli.Result r = sync(plan(signedTool()), "-v");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("signed by a key that is not trusted") && r.err().contains(VENDOR.fingerprint()), r.err());
        assertFalse(published("tool.tar.gz"));
    }

    @Test
    void requiredRefusesUnsignedFilesAndOffChecksHashesOnly() throws Exception {
        Path lock = plan(signedTool() + plainFile());
        Cli.Result required = sync(lock, "--verify-signatures", "required");
        assertEquals(1, required.exit(), required.toString());
        assertTrue(required.err().contains("refused: the file is not signed"), required.err());
        assertFalse(published("plain.bin"));
        assertTrue(published("tool.tar.gz"), "the signed one is verified and published");

        up.file("/vendor/tool.tar.gz.asc", OTHER.sign(TOOL, SIGNED, true)); // off does not even read it
        Cli.Result off = Cli.run("mirror", "sync", "--lock", lock.toString(), "--to", "file:" + tmp.resolve("off"),
                "--cache", tmp.resolve("cache").toString(), "--output", "json", "--verify-signatures", "off");
        assertEquals(0, off.exit(), off.toString());
        assertEquals(Map.of(up.url("/vendor/tool.tar.gz"), "not-checked", up.url("/vendor/plain.bin"), "not-checked"), signatures(off));

        Cli.Result bad = Cli.run("mirror", "sync", "--lock", lock.toString(), "--verify-signatures", "sometimes");
        assertEquals(2, bad.exit(), bad.toString());
        assertTrue(bad.err().contains("--verify-signatures must be required, available or off"), bad.err());
    }

    /** Whatever --verify-signatures available or required says, a keyring named in ferry.yaml needs its signature upstream. */
    @Test
    void aKeyringWithoutAnUpstreamSignatureFailsTheAsset() throws Exception {
        up.remove("/vendor/tool.tar.gz.asc");
        Cli.Result r = sync(plan(signedTool()));
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("refused: the signature file is missing upstream"), r.err());
        assertFalse(published("tool.tar.gz"));
    }

    /** runc's way, for a vendor: hashes from a clear-signed checksum list, only from its signed text. */
    @Test
    void planResolveReadsHashesFromTheClearSignedTextOnly() throws Exception {
        up.file("/vendor/SHA256SUMS", VENDOR.clearSign(TestLock.sha256(TOOL) + "  tool.tar.gz\n", SIGNED));
        String listed = "  - url: " + up.url("/vendor/tool.tar.gz") + "\n    checksums: " + up.url("/vendor/SHA256SUMS")
                + "\n    keyring: keys/vendor.asc\n";
        Path lock = plan(listed, "--resolve");
        String text = Files.readString(lock);
        assertTrue(text.contains("    sha256: " + TestLock.sha256(TOOL) + "\n    from: upstream-sidecar\n"), text);
        assertTrue(text.contains("  signature: \"" + VERIFIED + "\"\n"), text);
        assertEquals(Map.of(up.url("/vendor/tool.tar.gz"), VERIFIED), signatures(sync(lock)));

        // A line after the signature is not signed: the plan fails rather than pin it, and writes no lock.
        String signedOther = new String(VENDOR.clearSign("ab".repeat(32) + "  other.tar.gz\n", SIGNED), StandardCharsets.UTF_8);
        up.text("/vendor/SHA256SUMS", signedOther + TestLock.sha256(TOOL) + "  tool.tar.gz\n");
        Files.delete(lock);
        Cli.Result r = Cli.run("mirror", "plan", "--manifest", tmp.resolve("site/ferry.yaml").toString(), "--lock-file", lock.toString(),
                "--resolve", "--cache", tmp.resolve("cache").toString());
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("text after the signature"), r.err());
        assertFalse(Files.exists(lock));
    }

    @Test
    void packVerifiesSignaturesBeforeWritingTheBundle() throws Exception {
        Path lock = plan(signedTool());
        Path bundle = tmp.resolve("b.tar.zst");
        Cli.Result ok = Cli.run("mirror", "pack", "--lock", lock.toString(), "--bundle", bundle.toString(),
                "--cache", tmp.resolve("cache").toString(), "--output", "json");
        assertEquals(0, ok.exit(), ok.toString());
        assertTrue(ok.out().contains("\"signature\": \"" + VERIFIED + "\""), ok.out());

        up.file("/vendor/tool.tar.gz.asc", OTHER.sign(TOOL, SIGNED, true));
        Path refused = tmp.resolve("refused.tar.zst");
        Cli.Result bad = Cli.run("mirror", "pack", "--lock", lock.toString(), "--bundle", refused.toString(),
                "--cache", tmp.resolve("cache").toString());
        assertEquals(1, bad.exit(), bad.toString());
        assertFalse(Files.exists(refused), "no bundle with a refused signature in it");
    }
}
