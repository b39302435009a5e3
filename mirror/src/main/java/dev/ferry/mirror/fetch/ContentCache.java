package dev.ferry.mirror.fetch;

import dev.ferry.error.FerryException;
import dev.ferry.format.AtomicFile;
import dev.ferry.mirror.asset.Digests;
import dev.ferry.mirror.asset.Hash;
import dev.ferry.mirror.asset.HashAlgorithm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Verified bytes on local disk, addressed by their sha256, so a re-run, another target or a bundle
 * reuses them without downloading:
 * <pre>
 * sha256/ab/abcd…          the verified file
 * sha256/ab/abcd….digests  its size, sha256, md5 (and sha1) as computed while it was written
 * sha1/…, md5/…            the sha256 of a file known by another hash (legacy locks)
 * partial/…                interrupted downloads, resumed with HTTP Range
 * partial/….lock           who may write that partial now ({@link PartialLock})
 * </pre>
 * A file enters only through {@link #commit}, after its hash matched, and is read-only from then on:
 * a verified file is never written again (mirrors get copies of it, never links).
 */
public final class ContentCache {
    private final Path root;

    public ContentCache(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** The verified file with this hash, when the cache holds it. */
    public Optional<CachedFile> find(Hash hash) {
        Hash sha256 = hash;
        if (hash.algorithm() != HashAlgorithm.SHA256) {
            Optional<String> indexed = readSmall(root.resolve(hash.algorithm().id()).resolve(hash.hex()));
            if (indexed.isEmpty()) {
                return Optional.empty();
            }
            try {
                sha256 = Hash.sha256(indexed.get().trim());
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        Path blob = blob(sha256);
        Optional<String> digestsText = readSmall(digestsFile(blob));
        if (digestsText.isEmpty() || !Files.isRegularFile(blob)) {
            return Optional.empty();
        }
        Optional<Digests> d = parseDigests(digestsText.get());
        if (d.isEmpty() || !d.get().sha256().equals(sha256)) {
            return Optional.empty();
        }
        try {
            if (Files.size(blob) != d.get().size()) {
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.of(new CachedFile(blob, d.get()));
    }

    /** Where a download expecting {@code expected} keeps its bytes until they are verified. */
    public Path partial(Hash expected) {
        return root.resolve("partial").resolve(expected.algorithm().id() + "-" + expected.hex());
    }

    /**
     * Takes the right to write the partial download for {@code expected}, waiting (after calling
     * {@code waiting}) while another run holds it. Close it after {@link #commit}, or after giving up.
     */
    PartialLock lockPartial(Hash expected, Runnable waiting) {
        Path part = partial(expected);
        return PartialLock.take(part.resolveSibling(part.getFileName() + ".lock"), waiting);
    }

    /** Moves a verified download into the cache, read-only, and records its digests; returns the cached file. */
    public CachedFile commit(Path verified, Digests digests) {
        Path blob = blob(digests.sha256());
        try {
            Files.createDirectories(blob.getParent());
            AtomicFile.write(digestsFile(blob), render(digests));
            readOnly(verified);
            AtomicFile.commit(verified, blob);
            index(digests);
        } catch (IOException e) {
            throw new FerryException("cannot write to the cache " + root + ": " + e.getMessage(),
                    "check its free space and permissions, or choose another folder with --cache");
        }
        return new CachedFile(blob, digests);
    }

    /** Records digests again after computing one that was missing (sha1 for the legacy layout, md5 for S3). */
    public CachedFile update(CachedFile file, Digests digests) {
        try {
            AtomicFile.write(digestsFile(file.path()), render(digests));
            index(digests);
        } catch (IOException e) {
            throw new FerryException("cannot write to the cache " + root + ": " + e.getMessage(), "check its free space and permissions");
        }
        return new CachedFile(file.path(), digests);
    }

    /** r--r--r--: whatever later opens the verified file for writing is refused (root aside, which is why mirrors copy). */
    private static void readOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("r--r--r--"));
        } catch (UnsupportedOperationException e) {
            file.toFile().setWritable(false, false);
        }
    }

    /** Lets a file be found by its md5 or sha1 too (legacy locks name sha1 hashes). */
    private void index(Digests digests) throws IOException {
        for (Optional<Hash> other : java.util.List.of(digests.md5(), digests.sha1())) {
            if (other.isPresent()) {
                Path index = root.resolve(other.get().algorithm().id()).resolve(other.get().hex());
                Files.createDirectories(index.getParent());
                AtomicFile.write(index, digests.sha256().hex());
            }
        }
    }

    private Path blob(Hash sha256) {
        return root.resolve("sha256").resolve(sha256.hex().substring(0, 2)).resolve(sha256.hex());
    }

    private static Path digestsFile(Path blob) {
        return blob.resolveSibling(blob.getFileName() + ".digests");
    }

    private static String render(Digests d) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("size", Long.toString(d.size()));
        m.put("sha256", d.sha256().hex());
        d.md5().ifPresent(h -> m.put("md5", h.hex()));
        d.sha1().ifPresent(h -> m.put("sha1", h.hex()));
        StringBuilder sb = new StringBuilder();
        m.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        return sb.toString();
    }

    private static Optional<Digests> parseDigests(String text) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                m.put(line.substring(0, eq), line.substring(eq + 1).trim());
            }
        }
        try {
            return Optional.of(new Digests(Long.parseLong(m.get("size")), Hash.sha256(m.get("sha256")),
                    Optional.ofNullable(m.get("md5")).map(h -> new Hash(HashAlgorithm.MD5, h)),
                    Optional.ofNullable(m.get("sha1")).map(h -> new Hash(HashAlgorithm.SHA1, h))));
        } catch (RuntimeException e) {
            return Optional.empty(); // a damaged entry is a miss, never a trusted hash
        }
    }

    private static Optional<String> readSmall(Path p) {
        try {
            return Optional.of(Files.readString(p, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

}
