package dev.ferry.mirror.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.error.SignatureRefused;
import dev.ferry.error.SignatureRefused.Reason;
import dev.ferry.mirror.asset.Asset;
import dev.ferry.mirror.asset.ExpectedHash;
import dev.ferry.mirror.asset.HashAlgorithm;
import dev.ferry.mirror.asset.SidecarFormat;
import dev.ferry.mirror.asset.SignatureStatus;
import dev.ferry.mirror.asset.SignedBy;
import dev.ferry.mirror.asset.Signer;
import dev.ferry.mirror.fetch.CachedFile;
import dev.ferry.mirror.fetch.Fetcher;
import dev.ferry.mirror.fetch.LocalUpstream;
import dev.ferry.mirror.signature.TestCa.Issued;
import dev.ferry.mirror.signature.TestCa.Leaf;
import dev.ferry.progress.Progress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signatures where the fetch checks them, against a local upstream serving files, signatures and certificates
 * made here: over the cached file (OpenPGP), over its sha256 (sigstore), through a signed checksum list.
 */
class SignedFetchTest {
    static final byte[] FILE = OpenPgpDetachedCheckTest.bytes(300_000);
    static final Instant SIGNED = Instant.parse("2025-04-23T09:12:00Z");
    static final TestPgpKey VENDOR = TestPgpKey.plain("Vendor Release <release@vendor.example>");
    static final TestPgpKey OTHER = TestPgpKey.plain("Someone Else <else@example.org>");
    static final Issued ROOT = TestCa.root("O=sigstore.dev,CN=sigstore", Instant.parse("2021-10-07T13:56:59Z"));
    static final Issued INTERMEDIATE = TestCa.intermediate(ROOT, "O=sigstore.dev,CN=sigstore-intermediate", Instant.parse("2022-04-13T20:06:15Z"));
    static final TrustedSigners TRUST = new TrustedSigners(Map.of(), Map.of("kubernetes-release", UpstreamSigners.kubernetesRelease()),
            FulcioRoots.of(List.of(ROOT.cert()), List.of(INTERMEDIATE.cert()), "the test Fulcio root"));

    @TempDir
    Path tmp;

    LocalUpstream up;
    Path keyring;

    @BeforeEach
    void setUp() throws Exception {
        up = LocalUpstream.start();
        keyring = Files.write(Files.createDirectories(tmp.resolve("keys")).resolve("vendor.asc"), VENDOR.publicArmoured());
    }

    @AfterEach
    void tearDown() {
        up.close();
    }

    Fetcher fetcher(SignaturePolicy policy) {
        return new Fetcher(LocalUpstream.fetchOptions(tmp.resolve("cache")), policy, () -> TRUST, Progress.root("test", e -> { }));
    }

    /** The file at {@code path}, its sha256 pinned, signed as {@code by} says. */
    Asset pinned(String path, SignedBy by) {
        return LocalUpstream.pinned(up.url(path), FILE).withSignedBy(Optional.of(by));
    }

    SignedBy detached(String path) {
        return SignedBy.detached(new Signer.KeyringFile(keyring), up.url(path));
    }

    static String verifiedBy(TestPgpKey key) {
        return "verified (key " + key.fingerprint() + ")";
    }

    @Test
    void aDetachedSignatureIsCheckedOverTheCachedFileAndRecordedBesideIt() throws Exception {
        up.serve("/v/tool", FILE).serve("/v/tool.asc", VENDOR.sign(FILE, SIGNED, true));
        Asset asset = pinned("/v/tool", detached("/v/tool.asc"));
        CachedFile file;
        try (Fetcher f = fetcher(SignaturePolicy.AVAILABLE)) {
            file = f.fetch(asset, Set.of());
            assertEquals(new SignatureStatus(verifiedBy(VENDOR)), f.checkSignatures(asset, file));
            assertEquals(Optional.of(new SignatureStatus(verifiedBy(VENDOR))), f.signatureChecked(asset));
        }
        String record = Files.readString(file.path().resolveSibling(file.path().getFileName() + ".signatures"));
        assertTrue(record.endsWith(" " + verifiedBy(VENDOR) + "\n"), record);

        // The record is for that signature and those keys: another signature over the same cached file is checked afresh.
        up.serve("/v/tool.asc", VENDOR.sign("other bytes".getBytes(StandardCharsets.US_ASCII), SIGNED, true));
        try (Fetcher next = fetcher(SignaturePolicy.AVAILABLE)) {
            CachedFile again = next.fetch(asset, Set.of());
            SignatureRefused e = assertThrows(SignatureRefused.class, () -> next.checkSignatures(asset, again));
            assertEquals(Reason.BAD_SIGNATURE, e.reason());
            assertTrue(e.getMessage().contains(asset.url()), e.getMessage());
        }
    }

    @Test
    void aMissingSignatureIsRefusedNotTakenForUnsigned() {
        up.serve("/v/tool", FILE);
        Asset asset = pinned("/v/tool", detached("/v/tool.asc"));
        try (Fetcher f = fetcher(SignaturePolicy.AVAILABLE)) {
            CachedFile file = f.fetch(asset, Set.of());
            SignatureRefused e = assertThrows(SignatureRefused.class, () -> f.checkSignatures(asset, file));
            assertEquals(Reason.MISSING, e.reason());
            assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
        }
    }

    /** plan --resolve judges a detached signature's signer without the bytes: another key fails the plan, nothing is downloaded. */
    @Test
    void aSignatureByAnotherKeyFailsAtPlanTimeWithoutADownload() {
        up.serve("/v/tool", FILE).serve("/v/tool.asc", OTHER.sign(FILE, SIGNED, true));
        Asset asset = pinned("/v/tool", detached("/v/tool.asc"));
        try (Fetcher f = fetcher(SignaturePolicy.AVAILABLE)) {
            SignatureRefused e = assertThrows(SignatureRefused.class, () -> f.checkSignaturesOfHash(asset));
            assertEquals(Reason.UNKNOWN_KEY, e.reason());
            assertTrue(e.getMessage().contains(VENDOR.fingerprint()), "names the key expected: " + e.getMessage());
        }
        assertEquals(List.of(), up.requests("/v/tool"));
    }

    @Test
    void kubernetesSigstoreSignaturesAreCheckedOverTheSha256WithoutReadingTheFileAgain() {
        Issued leaf = TestCa.leaf(INTERMEDIATE, SIGNED, Leaf.kubernetes());
        up.serve("/k/kubelet", FILE).serve("/k/kubelet.sig", leaf.sign(FILE)).serve("/k/kubelet.cert", leaf.certFile());
        Asset asset = pinned("/k/kubelet", new SignedBy(new Signer.Sigstore("kubernetes-release"), Optional.of(up.url("/k/kubelet.sig")),
                Optional.of(up.url("/k/kubelet.cert")), Optional.empty(), Optional.empty()));
        SignatureStatus expected = new SignatureStatus("verified (sigstore krel-staging@k8s-releng-prod.iam.gserviceaccount.com; signing time not proven)");
        try (Fetcher f = fetcher(SignaturePolicy.AVAILABLE)) {
            assertEquals(expected, f.checkSignaturesOfHash(asset), "plan --resolve: over the pinned sha256");
            assertEquals(List.of(), up.requests("/k/kubelet"), "the file itself is not downloaded at plan time");
            assertEquals(expected, f.checkSignatures(asset, f.fetch(asset, Set.of())));
        }
        up.serve("/k/kubelet.sig", leaf.sign("another build".getBytes(StandardCharsets.US_ASCII)));
        try (Fetcher f = fetcher(SignaturePolicy.AVAILABLE)) {
            assertEquals(Reason.BAD_SIGNATURE, assertThrows(SignatureRefused.class, () -> f.checkSignaturesOfHash(asset)).reason());
        }
    }

    /** runc's way: hashes are read from a clear-signed checksum list, and only from the part its signature covers. */
    @Test
    void hashesOfAClearSignedListComeOnlyFromItsSignedText() {
        String sha = LocalUpstream.sha256(FILE).hex();
        byte[] signed = VENDOR.clearSign(sha + "  runc.amd64\n", SIGNED);
        byte[] appended = (new String(signed, StandardCharsets.UTF_8) + "ee".repeat(32) + "  runc.arm64\n").getBytes(StandardCharsets.UTF_8);
        up.serve("/r/runc.sha256sum", signed).serve("/r2/runc.sha256sum", appended);
        Asset amd64 = listed("/r/runc.amd64", "/r/runc.sha256sum");
        Asset arm64 = listed("/r2/runc.arm64", "/r2/runc.sha256sum");
        try (Fetcher f = fetcher(SignaturePolicy.AVAILABLE)) {
            assertEquals(sha, f.upstreamHash(amd64).hex());
            Asset pinned = amd64.withHash(((ExpectedHash.FromSidecar) amd64.hash()).pinned(f.upstreamHash(amd64)));
            assertEquals(new SignatureStatus(verifiedBy(VENDOR)), f.checkSignaturesOfHash(pinned));
            SignatureRefused e = assertThrows(SignatureRefused.class, () -> f.upstreamHash(arm64));
            assertEquals(Reason.MALFORMED, e.reason());
            assertTrue(e.getMessage().contains("text after the signature"), e.getMessage());
        }
        try (Fetcher off = fetcher(SignaturePolicy.OFF)) {
            assertEquals("ee".repeat(32), off.upstreamHash(arm64).hex(), "off: the list read as a plain checksum file, as before");
            assertEquals(SignatureStatus.NOT_CHECKED, off.checkSignaturesOfHash(arm64));
        }
    }

    /** An asset whose hash is read from the clear-signed list at {@code list}, signed by the vendor. */
    Asset listed(String path, String list) {
        String url = up.url(path);
        return LocalUpstream.asset(url, new ExpectedHash.FromSidecar(up.url(list), SidecarFormat.SUMS, HashAlgorithm.SHA256), List.of(url),
                OptionalLong.empty()).withSignedBy(Optional.of(new SignedBy(new Signer.KeyringFile(keyring), Optional.empty(), Optional.empty(),
                Optional.of(up.url(list)), Optional.empty())));
    }

    /** Ubuntu's way: SHA256SUMS with a detached SHA256SUMS.gpg; the signed list must give the file's own hash. */
    @Test
    void aSignedChecksumListMustGiveTheFilesHash() {
        up.serve("/u/image.img", FILE).serve("/u2/image.img", FILE);
        byte[] good = (LocalUpstream.sha256(FILE).hex() + " *image.img\n").getBytes(StandardCharsets.US_ASCII);
        byte[] wrong = ("00".repeat(32) + " *image.img\n").getBytes(StandardCharsets.US_ASCII);
        up.serve("/u/SHA256SUMS", good).serve("/u/SHA256SUMS.gpg", VENDOR.sign(good, SIGNED, false));
        up.serve("/u2/SHA256SUMS", wrong).serve("/u2/SHA256SUMS.gpg", VENDOR.sign(wrong, SIGNED, false));
        try (Fetcher f = fetcher(SignaturePolicy.REQUIRED)) {
            Asset ok = ubuntu("/u");
            assertEquals(new SignatureStatus(verifiedBy(VENDOR)), f.checkSignatures(ok, f.fetch(ok, Set.of())));
            Asset bad = ubuntu("/u2");
            SignatureRefused e = assertThrows(SignatureRefused.class, () -> f.checkSignatures(bad, f.fetch(bad, Set.of())));
            assertEquals(Reason.SIGNED_HASH_DIFFERS, e.reason());
            assertTrue(e.getMessage().contains("00".repeat(32)), e.getMessage());
        }
    }

    Asset ubuntu(String dir) {
        return pinned(dir + "/image.img", new SignedBy(new Signer.KeyringFile(keyring), Optional.empty(), Optional.empty(),
                Optional.of(up.url(dir + "/SHA256SUMS")), Optional.of(up.url(dir + "/SHA256SUMS.gpg"))));
    }

    @Test
    void thePolicyDecidesWhatAnUnsignedOrAnUncheckedFileIs() {
        up.serve("/p/plain", FILE).serve("/p/signed", FILE).serve("/p/signed.asc", OTHER.sign(FILE, SIGNED, true));
        Asset plain = LocalUpstream.pinned(up.url("/p/plain"), FILE);
        Asset signed = pinned("/p/signed", detached("/p/signed.asc"));
        try (Fetcher f = fetcher(SignaturePolicy.AVAILABLE)) {
            assertEquals(SignatureStatus.UNSIGNED, f.checkSignatures(plain, f.fetch(plain, Set.of())));
        }
        try (Fetcher f = fetcher(SignaturePolicy.REQUIRED)) {
            CachedFile file = f.fetch(plain, Set.of());
            assertEquals(Reason.NOT_SIGNED, assertThrows(SignatureRefused.class, () -> f.checkSignatures(plain, file)).reason());
            assertEquals(Reason.NOT_SIGNED, assertThrows(SignatureRefused.class, () -> f.uncheckedSignatures(plain)).reason());
        }
        try (Fetcher off = fetcher(SignaturePolicy.OFF)) {
            assertEquals(SignatureStatus.NOT_CHECKED, off.checkSignatures(signed, off.fetch(signed, Set.of())), "off: hashes only");
        }
        assertEquals(List.of(), up.requests("/p/signed.asc"), "off reads no signature");
    }

    @Test
    void aSourceMirrorCarriesTheSignatureFilesToo() {
        up.serve("/mirror/v/tool", FILE).serve("/mirror/v/tool.asc", VENDOR.sign(FILE, SIGNED, true));
        Asset asset = pinned("/v/tool", detached("/v/tool.asc")).withSources(List.of(up.url("/mirror/v/tool"), up.url("/v/tool")));
        try (Fetcher f = fetcher(SignaturePolicy.AVAILABLE)) {
            assertEquals(new SignatureStatus(verifiedBy(VENDOR)), f.checkSignatures(asset, f.fetch(asset, Set.of())));
        }
        assertEquals(List.of(), up.requests("/v/tool.asc"), "the mirror had it");
    }
}
