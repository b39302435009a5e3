package dev.ferry.mirror.bundle;

import com.github.luben.zstd.ZstdInputStream;
import dev.ferry.error.FerryException;
import dev.ferry.format.AtomicFile;
import dev.ferry.mirror.asset.Asset;
import dev.ferry.mirror.asset.Digests;
import dev.ferry.mirror.asset.ExpectedHash;
import dev.ferry.mirror.asset.Hash;
import dev.ferry.mirror.asset.HashAlgorithm;
import dev.ferry.mirror.fetch.RunningDigests;
import dev.ferry.mirror.lock.Lock;
import dev.ferry.mirror.lock.LockFile;
import dev.ferry.mirror.lock.LockedImage;
import dev.ferry.progress.Progress;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Streams a bundle once, checking as it goes: the header (format and version) first, then the lock against
 * the header's record of it, then each asset's bytes against the lock <em>before</em> handing it on, then the
 * index against everything seen. Memory stays flat; at most one asset is on disk at a time.
 */
public final class BundleReader implements AutoCloseable {
    private static final int BUFFER = 1 << 20;
    private static final long SMALL_ENTRY_LIMIT = 256L << 20;

    private final BundleSource source;
    private final PartsInputStream raw;
    private final TarArchiveInputStream tar;
    private final BundleHeader header;
    private final byte[] lockBytes;
    private final Lock lock;
    private final Map<String, Expected> expected = new LinkedHashMap<>();
    private final List<BundleIndex.Entry> seen = new ArrayList<>();
    private final java.util.Set<String> rejected = new java.util.HashSet<>();
    /** The images' blobs not read yet, by entry name. */
    private final Map<String, BundleBlob> blobs = new LinkedHashMap<>();
    private Optional<byte[]> imageIndex = Optional.empty();
    private int blobsVerified;
    private long blobBytes;
    private TarArchiveEntry last;

    private record Expected(Asset asset, BundleAsset entry) {}

    /**
     * What a full read found.
     *
     * @param verified      assets whose bytes matched
     * @param blobsVerified image blobs whose bytes matched
     */
    public record Outcome(int verified, long bytes, int blobsVerified, long blobBytes, List<String> problems) {
        public Outcome {
            problems = List.copyOf(problems);
        }

        public boolean clean() {
            return problems.isEmpty();
        }
    }

    private BundleReader(BundleSource source) {
        this.source = source;
        this.raw = source.open();
        try {
            this.tar = new TarArchiveInputStream(new BufferedInputStream(new ZstdInputStream(new BufferedInputStream(raw, BUFFER)), BUFFER));
            this.header = BundleHeader.parse(new String(small(BundleFormat.HEADER, "the header"), StandardCharsets.UTF_8),
                    BundleFormat.HEADER + " in " + source.describe());
            this.lockBytes = small(BundleFormat.LOCK, "the lock");
        } catch (IOException e) {
            closeQuietly();
            throw damaged(e);
        } catch (RuntimeException e) {
            closeQuietly();
            throw e;
        }
        Hash lockHash = BundleWriter.sha256(lockBytes);
        if (!lockHash.equals(header.lockSha256()) || lockBytes.length != header.lockSize()) {
            closeQuietly();
            throw new FerryException("the lock inside " + source.describe() + " was changed after packing: its sha256 is " + lockHash.hex()
                    + " (" + lockBytes.length + " bytes), the bundle header recorded " + header.lockSha256().hex() + " ("
                    + header.lockSize() + " bytes)", "pack the bundle again from the reviewed lock; nothing was published",
                    FerryException.FAILED, null);
        }
        try {
            this.lock = LockFile.parse(new String(lockBytes, StandardCharsets.UTF_8), BundleFormat.LOCK + " in " + source.describe());
        } catch (FerryException e) {
            closeQuietly();
            throw BundleHeader.asFailure(e);
        }
        matchLockToHeader();
        matchImagesToHeader();
    }

    /** Opens a bundle: checks a split bundle's parts, then reads and checks the header and the lock. */
    public static BundleReader open(BundleSource source, Progress progress) {
        source.checkParts(progress);
        return new BundleReader(source);
    }

    /**
     * Opens a bundle to look at its header and lock only, without hashing a split bundle's parts first
     * ({@code inspect} without {@code --verify}); the header and lock are still checked against each other.
     */
    public static BundleReader openForListing(BundleSource source) {
        return new BundleReader(source);
    }

    public BundleHeader header() {
        return header;
    }

    public Lock lock() {
        return lock;
    }

    /** The lock exactly as packed, to compare with the reviewed {@code ferry.lock} on the disconnected side. */
    public byte[] lockBytes() {
        return lockBytes.clone();
    }

    /** Every lock asset has a header record under its key, and a hash the lock pins agrees with it. */
    private void matchLockToHeader() {
        Map<String, BundleAsset> byKey = new LinkedHashMap<>();
        for (BundleAsset a : header.assets()) {
            byKey.put(a.key(), a);
        }
        List<String> problems = new ArrayList<>();
        for (Asset a : lock.assets()) {
            String key = a.key(header.layout());
            BundleAsset entry = byKey.remove(key);
            if (entry == null) {
                problems.add(key + " is in the lock but not in the bundle header");
                continue;
            }
            if (a.hash() instanceof ExpectedHash.Known k && k.hash().algorithm() == entry.sha256().algorithm()
                    && !k.hash().equals(entry.sha256())) {
                problems.add(key + ": the lock says sha256 " + k.hash().hex() + ", the bundle header recorded " + entry.sha256().hex());
            }
            expected.put(key, new Expected(a, entry));
        }
        byKey.keySet().forEach(k -> problems.add(k + " is in the bundle header but not in the lock"));
        if (!problems.isEmpty()) {
            closeQuietly();
            throw new FerryException("the lock and the header of " + source.describe() + " disagree: " + String.join("; ", problems),
                    "the bundle was edited after packing; pack it again from the reviewed lock. Nothing was published", FerryException.FAILED, null);
        }
    }

    /** Every image of the lock is in the header, at the digest the lock pins; the header lists nothing else. */
    private void matchImagesToHeader() {
        Map<String, BundleImage> byReference = new LinkedHashMap<>();
        header.images().forEach(i -> byReference.put(i.reference(), i));
        List<String> problems = new ArrayList<>();
        for (LockedImage i : lock.images()) {
            BundleImage packed = byReference.remove(i.reference());
            if (packed == null) {
                problems.add("image " + i.reference() + " is in the lock but not in the bundle header");
            } else if (i.digest().isPresent() && !i.digest().get().equals(packed.digest())) {
                problems.add("image " + i.reference() + ": the lock pins " + i.digest().get() + ", the bundle header recorded " + packed.digest());
            }
        }
        byReference.keySet().forEach(r -> problems.add("image " + r + " is in the bundle header but not in the lock"));
        if (!problems.isEmpty()) {
            closeQuietly();
            throw new FerryException("the lock and the header of " + source.describe() + " disagree: " + String.join("; ", problems),
                    "the bundle was edited after packing; pack it again from the reviewed lock. Nothing was published", FerryException.FAILED, null);
        }
        header.blobs().forEach(b -> blobs.put(b.entryName(), b));
    }

    /**
     * Reads every asset and the index. An asset whose bytes do not match is reported to the handler as rejected
     * and never handed on; reading continues so that every bad entry is named. A damaged stream stops the read
     * with an error naming where it broke.
     *
     * @param staging folder for staged asset files (only used when the handler asks for files)
     */
    public Outcome readAssets(AssetHandler handler, Path staging, Progress progress) {
        List<String> problems = new ArrayList<>();
        int verified = 0;
        long bytes = 0;
        Optional<BundleIndex> index = Optional.empty();
        byte[] buffer = new byte[BUFFER];
        try (Progress reading = progress.phase("reading", header.assetBytes() + header.blobBytes())) {
            TarArchiveEntry e;
            while ((e = nextEntry()) != null) {
                String name = e.getName();
                if (index.isPresent()) {
                    problems.add("unexpected entry " + name + " after the index");
                    continue;
                }
                if (name.equals(BundleFormat.INDEX)) {
                    index = Optional.of(BundleIndex.parse(new String(readSmall(e, "the index"), StandardCharsets.UTF_8),
                            BundleFormat.INDEX + " in " + source.describe()));
                    continue;
                }
                if (name.startsWith(BundleFormat.IMAGES) && readImageEntry(name, handler, buffer, reading, problems)) {
                    continue;
                }
                Expected x = name.startsWith(BundleFormat.FILES) ? expected.remove(name.substring(BundleFormat.FILES.length())) : null;
                if (x == null) {
                    skipUnknown(name, handler, buffer, problems);
                    continue;
                }
                Optional<Digests> good = readAsset(name, x, handler, staging, buffer, reading, problems);
                bytes += seen.get(seen.size() - 1).size();
                verified += good.isPresent() ? 1 : 0;
            }
        } catch (IOException ex) {
            throw damaged(ex);
        }
        if (index.isEmpty()) {
            throw new FerryException("the bundle " + source.describe() + " ends after entry " + (last == null ? "(none)" : last.getName())
                    + " without its index: it is truncated" + (problems.isEmpty() ? "" : "; also " + String.join("; ", problems)),
                    "copy the bundle again from the connected side; the assets before that point that were verified are safe to keep",
                    FerryException.FAILED, null);
        }
        compareIndex(index.get(), problems);
        expected.keySet().forEach(k -> problems.add(k + " is missing from the bundle"));
        blobs.values().forEach(b -> problems.add("blob " + b.digest() + " is missing from the bundle"));
        if (!header.images().isEmpty() && imageIndex.isEmpty()) {
            problems.add(BundleFormat.IMAGES_INDEX + " is missing from the bundle");
        }
        finishImages(handler);
        return new Outcome(verified, bytes, blobsVerified, blobBytes, problems);
    }

    /**
     * An entry of the images' layout: {@code index.json} checked against the header, kept for the end; a blob checked
     * against its name and the header's size as it streams, and put in the handler's layout only when it matched.
     * False for a name the header does not list (then it is refused as unknown).
     */
    private boolean readImageEntry(String name, AssetHandler handler, byte[] buffer, Progress reading, List<String> problems) throws IOException {
        if (name.equals(BundleFormat.IMAGES_LAYOUT)) {
            byte[] bytes = readSmall(last, "oci-layout");
            seen.add(new BundleIndex.Entry(name, bytes.length, BundleWriter.sha256(bytes)));
            return true;
        }
        if (name.equals(BundleFormat.IMAGES_INDEX) && header.imageIndex().isPresent() && imageIndex.isEmpty()) {
            byte[] bytes = readSmall(last, "the images' index");
            Hash got = BundleWriter.sha256(bytes);
            seen.add(new BundleIndex.Entry(name, bytes.length, got));
            if (!got.equals(header.imageIndex().get().sha256()) || bytes.length != header.imageIndex().get().size()) {
                problems.add(name + ": sha256 is " + got.hex() + ", the bundle header says " + header.imageIndex().get().sha256().hex());
                rejected.add(name);
                handler.rejected(name, "the images' index differs from the header");
            } else {
                imageIndex = Optional.of(bytes);
            }
            return true;
        }
        BundleBlob b = blobs.remove(name);
        if (b == null) {
            return false;
        }
        Optional<Path> folder = handler.imagesFolder();
        Path file = folder.isPresent() ? Files.createTempFile(Files.createDirectories(folder.get().resolve("blobs/sha256")), ".ferry-", ".part") : null;
        try {
            RunningDigests d = new RunningDigests(Set.of());
            try (OutputStream out = file == null ? OutputStream.nullOutputStream() : Files.newOutputStream(file)) {
                copy(tar, out, d, buffer, reading);
            }
            Digests got = d.digests();
            seen.add(new BundleIndex.Entry(name, got.size(), got.sha256()));
            if (got.size() != b.size() || !got.sha256().equals(b.sha256())) {
                String why = "blob " + b.digest() + " has " + got.size() + " bytes with sha256 " + got.sha256().hex() + ", the bundle header says "
                        + b.size() + " bytes" + (got.sha256().equals(b.sha256()) ? "" : " and its name says " + b.sha256().hex());
                problems.add(why);
                rejected.add(name);
                handler.rejected(name, why);
                reading.warn("rejected " + why);
                return true;
            }
            if (file != null) {
                AtomicFile.commit(file, folder.get().resolve("blobs/sha256").resolve(b.sha256().hex()));
            }
            blobsVerified++;
            blobBytes += got.size();
            return true;
        } finally {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** The images' layout is complete once its index is written, last, after every blob that matched. */
    private void finishImages(AssetHandler handler) {
        if (handler.imagesFolder().isEmpty() || imageIndex.isEmpty()) {
            return;
        }
        Path folder = handler.imagesFolder().get();
        try {
            AtomicFile.write(folder.resolve("oci-layout"), BundleFormat.OCI_LAYOUT);
            AtomicFile.write(folder.resolve("index.json"), imageIndex.get());
        } catch (IOException e) {
            throw new FerryException("cannot write the images' layout in " + folder + ": " + e.getMessage(), "check free space there",
                    FerryException.FAILED, e);
        }
    }

    /** An entry the lock does not name (or named twice): refused, its bytes read past and recorded for the index check. */
    private void skipUnknown(String name, AssetHandler handler, byte[] buffer, List<String> problems) throws IOException {
        String why = "entry " + name + " is not an asset of the lock (or appears twice)";
        problems.add(why);
        rejected.add(name);
        handler.rejected(name, why);
        RunningDigests d = new RunningDigests(Set.of());
        copy(tar, OutputStream.nullOutputStream(), d, buffer, Progress.none());
        seen.add(new BundleIndex.Entry(name, d.size(), d.digests().sha256()));
    }

    /** One asset's bytes, hashed as they stream (staged to a file when the handler wants one); its digests when they match. */
    private Optional<Digests> readAsset(String name, Expected x, AssetHandler handler, Path staging, byte[] buffer, Progress reading,
                                        List<String> problems) throws IOException {
        boolean wantsFile = handler.wantsFile(x.asset(), x.entry());
        Path file = wantsFile ? Files.createTempFile(staging, ".ferry-push-", ".part") : null;
        try {
            Set<HashAlgorithm> also = EnumSet.noneOf(HashAlgorithm.class);
            also.addAll(handler.digestsNeeded());
            if (x.asset().hash() instanceof ExpectedHash.Known k) {
                also.add(k.hash().algorithm());
            }
            RunningDigests d = new RunningDigests(also);
            try (OutputStream out = file == null ? OutputStream.nullOutputStream() : Files.newOutputStream(file)) {
                copy(tar, out, d, buffer, reading);
            }
            Digests digests = d.digests();
            seen.add(new BundleIndex.Entry(name, digests.size(), digests.sha256()));
            Optional<String> mismatch = mismatch(x, digests);
            if (mismatch.isPresent()) {
                problems.add(mismatch.get());
                rejected.add(name);
                handler.rejected(name, mismatch.get());
                reading.warn("rejected " + mismatch.get());
                return Optional.empty();
            }
            handler.verified(new VerifiedAsset(x.asset(), x.entry(), digests, Optional.ofNullable(file)));
            return Optional.of(digests);
        } finally {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** Why an asset's bytes are refused, or empty when they match the lock and the header. */
    private Optional<String> mismatch(Expected x, Digests got) {
        String key = x.entry().key();
        if (got.size() != x.entry().size()) {
            return Optional.of(key + " has " + got.size() + " bytes, the bundle header says " + x.entry().size());
        }
        if (x.asset().hash() instanceof ExpectedHash.Known k) {
            Hash actual = got.get(k.hash().algorithm()).orElseThrow();
            if (!actual.equals(k.hash())) {
                return Optional.of(key + ": " + k.hash().algorithm() + " is " + actual.hex() + ", the lock says " + k.hash().hex());
            }
        }
        if (!got.sha256().equals(x.entry().sha256())) {
            return Optional.of(key + ": sha256 is " + got.sha256().hex() + ", the bundle header (checked against "
                    + x.entry().hashFrom() + " at pack time) says " + x.entry().sha256().hex());
        }
        return Optional.empty();
    }

    private void compareIndex(BundleIndex index, List<String> problems) {
        Map<String, BundleIndex.Entry> byName = new LinkedHashMap<>();
        for (BundleIndex.Entry e : index.entries()) {
            byName.put(e.name(), e);
        }
        for (BundleIndex.Entry s : seen) {
            BundleIndex.Entry i = byName.remove(s.name());
            if (i == null) {
                problems.add("entry " + s.name() + " is not in the bundle index");
            } else if ((i.size() != s.size() || !i.sha256().equals(s.sha256())) && !rejected.contains(s.name())) {
                problems.add("entry " + s.name() + " differs from the bundle index: sha256 " + s.sha256().hex() + ", the index says " + i.sha256().hex());
            }
        }
        byName.keySet().forEach(n -> problems.add("entry " + n + " is in the bundle index but not in the bundle"));
    }

    /** Reads the next entry, which must be {@code name}, whole into memory. */
    private byte[] small(String name, String what) throws IOException {
        TarArchiveEntry e = nextEntry();
        if (e == null || !e.getName().equals(name)) {
            throw new FerryException(source.describe() + " is not a Ferry bundle: " + what + " (" + name + ") should come "
                    + (name.equals(BundleFormat.HEADER) ? "first" : "next") + ", found " + (e == null ? "the end of the archive" : e.getName()),
                    "give a file made by `ferry mirror pack`");
        }
        byte[] bytes = readSmall(e, what);
        seen.add(new BundleIndex.Entry(name, bytes.length, BundleWriter.sha256(bytes)));
        return bytes;
    }

    private byte[] readSmall(TarArchiveEntry e, String what) throws IOException {
        if (e.getSize() > SMALL_ENTRY_LIMIT) {
            throw new FerryException(what + " in " + source.describe() + " is " + e.getSize() + " bytes, too large to be real",
                    "pack the bundle again");
        }
        return tar.readAllBytes();
    }

    private TarArchiveEntry nextEntry() throws IOException {
        TarArchiveEntry e = tar.getNextEntry();
        if (e != null) {
            last = e;
        }
        return e;
    }

    private static void copy(InputStream in, OutputStream out, RunningDigests d, byte[] buffer, Progress progress) throws IOException {
        int n;
        while ((n = in.read(buffer)) > 0) {
            out.write(buffer, 0, n);
            d.update(buffer, 0, n);
            progress.moved(n);
        }
    }

    private FerryException damaged(IOException e) {
        return new FerryException("the bundle " + source.describe() + " is damaged or truncated at " + raw.where()
                + (last == null ? "" : ", in entry " + last.getName()) + ": " + e.getMessage(),
                source.manifest().isPresent() ? "copy the parts again from the connected side"
                        : "copy the bundle again from the connected side (split large bundles with pack --split so a bad part is named)",
                FerryException.FAILED, e);
    }

    private void closeQuietly() {
        try {
            close();
        } catch (RuntimeException ignored) {
            // already failing
        }
    }

    @Override
    public void close() {
        try {
            if (tar != null) {
                tar.close();
            } else {
                raw.close();
            }
        } catch (IOException ignored) {
            // read-only streams
        }
    }
}
