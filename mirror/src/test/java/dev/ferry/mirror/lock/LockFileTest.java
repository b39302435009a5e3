package dev.ferry.mirror.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.error.FerryException;
import dev.ferry.mirror.asset.SourceMirror;
import dev.ferry.mirror.catalog.Catalog;
import dev.ferry.mirror.catalog.CatalogRequest;
import dev.ferry.mirror.plan.PlanInput;
import dev.ferry.mirror.plan.Planner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockFileTest {

    private static Lock sampleLock() {
        return new Planner(Catalog.builtIn()).plan(new PlanInput(
                List.of(CatalogRequest.of("1.30.4", Optional.of("1.30.0"))), Optional.empty(), List.of(),
                List.of(SourceMirror.parse("https://github.com/=https://proxy.example.cn/gh/")), Optional.empty(), "ferry test")).lock();
    }

    @Test
    void roundTripsExactly(@TempDir Path dir) {
        Lock lock = sampleLock();
        Path file = dir.resolve("ferry.lock");
        LockFile.write(lock, file);
        Lock back = LockFile.read(file);
        assertEquals(lock, back);
        // Writing again gives the same bytes: locks diff cleanly.
        assertEquals(LockFile.write(lock), LockFile.write(back));
    }

    /** A lock pinned from upstream sidecars keeps each pin with the sidecar it was read from, through a write and a read. */
    @Test
    void pinsReadFromSidecarsRoundTrip(@TempDir Path dir) {
        Lock lock = sampleLock();
        dev.ferry.mirror.asset.Hash h = dev.ferry.mirror.asset.Hash.sha256("ab".repeat(32));
        LockPinning.Result pinned = LockPinning.pin(lock, a -> h, 2);
        assertEquals(10, pinned.pinned(), "nodeup, protokube, channels, nerdctl, ecr-credential-provider for two arches");
        assertTrue(pinned.lock().assets().stream().allMatch(a -> a.hash().isPinned()));
        Path file = dir.resolve("ferry.lock");
        LockFile.write(pinned.lock(), file);
        assertEquals(pinned.lock(), LockFile.read(file));
        assertTrue(LockFile.write(pinned.lock()).contains("    sha256: " + h.hex() + "\n    from: upstream-sidecar\n    sidecar: "));

        LockPinning.Result none = LockPinning.pin(lock, a -> {
            throw new FerryException("cannot read " + a.url());
        }, 2);
        assertEquals(10, none.failures().size());
        assertEquals(lock, none.lock(), "what could not be read stays unpinned");
    }

    /** Images sit before the assets, so the fast reader reads them with the header; pins, kOps's download name and platforms round-trip. */
    @Test
    void imagesRoundTripThroughTheFastReader(@TempDir Path dir) throws Exception {
        Lock lock = sampleLock();
        assertEquals(22, lock.images().size(), "the catalog's images of kOps 1.30.4");
        LockedImage pause = lock.images().stream().filter(i -> i.kind().equals("pause")).findFirst().orElseThrow();
        java.util.List<LockedImage> images = new java.util.ArrayList<>(lock.images());
        images.set(images.indexOf(pause), pause.pinned("sha256:" + "7c".repeat(32), "application/vnd.oci.image.index.v1+json",
                List.of("linux/amd64", "linux/arm/v7", "windows/amd64")).withDownload(Optional.of("harbor.example.cn/k8s/pause:3.9")));
        Lock pinned = lock.withImages(images);
        Path file = dir.resolve("ferry.lock");
        LockFile.write(pinned, file);
        String text = Files.readString(file);
        assertTrue(text.indexOf("\nimages:\n") < text.indexOf("\nassets:\n"), "images come first");
        assertTrue(text.contains("- image: registry.k8s.io/pause:3.9\n  kind: pause\n  from: catalog\n  download: harbor.example.cn/k8s/pause:3.9\n"
                + "  digest: sha256:" + "7c".repeat(32) + "\n  mediaType: application/vnd.oci.image.index.v1+json\n"
                + "  platforms: [linux/amd64, linux/arm/v7, windows/amd64]\n"), text);
        assertEquals(Optional.of(pinned), LockReader.read(file), "the fast reader takes images in its stride");
        assertEquals(pinned, LockFile.parse(text, "ferry.lock"), "and the whole-file reader agrees");
    }

    @Test
    void aBadImageDigestOrKeyIsRefusedWithItsLine() {
        String head = "lockVersion: 1\nimages:\n- image: registry.k8s.io/pause:3.10.1\n";
        FerryException digest = assertThrows(FerryException.class, () -> LockFile.parse(head + "  digest: sha256:abc\nassets: []\n", "ferry.lock"));
        assertTrue(digest.getMessage().startsWith("ferry.lock:3: the digest 'sha256:abc' of registry.k8s.io/pause:3.10.1 is not a digest"),
                digest.getMessage());
        FerryException key = assertThrows(FerryException.class, () -> LockFile.parse(head + "  tag: x\nassets: []\n", "ferry.lock"));
        assertTrue(key.getMessage().contains("ferry.lock:") && key.getMessage().contains("tag"), key.getMessage());
        FerryException other = assertThrows(FerryException.class, () -> LockFile.parse(
                "lockVersion: 1\nimages:\n- image: registry.k8s.io/pause:3.10.1@sha256:" + "ab".repeat(32) + "\n  digest: sha256:" + "cd".repeat(32)
                        + "\nassets: []\n", "ferry.lock"));
        assertTrue(other.getMessage().contains("names one digest and is pinned to another"), other.getMessage());
    }

    @Test
    void versionsAreQuotedSoOtherYamlToolsKeepThemStrings() {
        String text = LockFile.write(sampleLock());
        assertTrue(text.contains("kubernetes: \"1.30.0\""), text);
        assertTrue(text.contains("version: \"1.7.22\""), text);
    }

    @Test
    void aNewerLockFormatIsRefused() {
        FerryException e = assertThrows(FerryException.class, () -> LockFile.parse("lockVersion: 9\nassets: []\n", "ferry.lock"));
        assertTrue(e.getMessage().contains("newer Ferry"), e.getMessage());
        assertEquals(FerryException.BAD_USAGE, e.exitCode());
    }

    @Test
    void aTamperedHashIsCaughtWithItsLine(@TempDir Path dir) throws Exception {
        String text = LockFile.write(sampleLock()).replaceFirst("sha256: 32a32ec3d7e7f8b2", "sha256: zz");
        Path file = dir.resolve("bad.lock");
        Files.writeString(file, text);
        FerryException e = assertThrows(FerryException.class, () -> LockFile.read(file));
        assertTrue(e.getMessage().contains("bad.lock:") && e.getMessage().contains("not a hex hash"), e.getMessage());
    }

    @Test
    void aKeyLeavingTheMirrorIsRefused() {
        String text = LockFile.write(sampleLock()).replaceFirst("kops: release/v1.30.0/bin/linux/amd64/kubelet", "kops: ../../etc/passwd");
        FerryException e = assertThrows(FerryException.class, () -> LockFile.parse(text, "ferry.lock"));
        assertTrue(e.getMessage().contains("leaves the mirror"), e.getMessage());
    }

    /** Read asset by asset (a file Ferry wrote) or as a whole (the same text, hand-edited into flow style): same lock, same error lines. */
    @Test
    void readingAssetByAssetGivesTheSameLockAndTheSameErrorLines(@TempDir Path dir) throws Exception {
        String text = LockFile.write(sampleLock());
        Path file = Files.writeString(dir.resolve("ferry.lock"), text);
        assertEquals(LockFile.parse(text, "x"), LockFile.read(file));

        String bad = text.replace("sha256: 32a32ec3d7e7f8b2", "sha256: zz");
        long line = bad.substring(0, bad.indexOf("sha256: zz")).chars().filter(c -> c == '\n').count() + 1;
        Path streamed = Files.writeString(dir.resolve("bad.lock"), bad);
        Path whole = Files.writeString(dir.resolve("flow.lock"), bad.replace("selections:\n", "selections: # hand edit\n"));
        for (Path f : List.of(streamed, whole)) {
            FerryException e = assertThrows(FerryException.class, () -> LockFile.read(f));
            assertTrue(e.getMessage().startsWith(f + ":" + line + " sha256 of "), line + " in " + e.getMessage());
        }
    }

    /** A lock written before signatures were recorded reads as it would have been written then; what plan --resolve verified round-trips. */
    @Test
    void signaturesRoundTripAndAnOlderLockWithoutThemStillReads(@TempDir Path dir) throws Exception {
        Lock lock = sampleLock();
        String text = LockFile.write(lock);
        String older = text.replaceAll("(?m)^  signature: .*\n", "");
        assertEquals(lock, LockFile.parse(older, "old.lock"), "no signature: line means unsigned, or not checked where signedBy is given");

        String runc = "https://github.com/opencontainers/runc/releases/download/v1.1.14/runc.amd64";
        Lock verified = new Lock(lock.generatedBy(), lock.layout(), lock.selections(), lock.assets().stream()
                .map(a -> a.url().equals(runc) ? a.withSignature(new dev.ferry.mirror.asset.SignatureStatus("verified (key ABCD)")) : a).toList());
        Path file = dir.resolve("ferry.lock");
        LockFile.write(verified, file);
        assertTrue(Files.readString(file).contains("  signature: \"verified (key ABCD)\"\n  signedBy:\n    keyring: builtin:runc\n"));
        assertEquals(verified, LockFile.read(file));
        assertEquals(LockFile.write(verified), LockFile.write(LockFile.read(file)), "the same bytes again");
    }

    @Test
    void aSignatureClaimWithNothingThatSignsIsRefusedWithItsLine() {
        String text = LockFile.write(sampleLock());
        String claim = text.replaceFirst("(?m)^  signature: unsigned$", "  signature: \"verified (key ABCD)\"");
        FerryException e = assertThrows(FerryException.class, () -> LockFile.parse(claim, "ferry.lock"));
        assertTrue(e.getMessage().startsWith("ferry.lock:") && e.getMessage().contains("nothing signs it"), e.getMessage());

        String invented = text.replaceFirst("(?m)^  signature: unsigned$", "  signature: trusted-by-me");
        e = assertThrows(FerryException.class, () -> LockFile.parse(invented, "ferry.lock"));
        assertTrue(e.getMessage().contains("not one of verified"), e.getMessage());

        String noSigner = text.replaceFirst("(?m)^    keyring: builtin:runc\n", "");
        e = assertThrows(FerryException.class, () -> LockFile.parse(noSigner, "ferry.lock"));
        assertTrue(e.getMessage().startsWith("ferry.lock:") && e.getMessage().contains("exactly one signer"), e.getMessage());
    }
}
