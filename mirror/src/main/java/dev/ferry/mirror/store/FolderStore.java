package dev.ferry.mirror.store;

import dev.ferry.error.FerryException;
import dev.ferry.format.AtomicFile;
import dev.ferry.format.DirectFileReader;
import dev.ferry.format.DirectFileWriter;
import dev.ferry.mirror.asset.Digests;
import dev.ferry.mirror.asset.Hash;
import dev.ferry.mirror.asset.HashAlgorithm;
import dev.ferry.mirror.layout.KeyRules;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A mirror in a folder, served by any web server. Every write goes to a temporary name in the
 * target directory, is fsynced, then renamed over the final name, so a reader (or a crash) never
 * sees half a file under a real key.
 */
public final class FolderStore implements MirrorStore {
    /** Temporary files carry this marker; {@link #list} never reports them. */
    static final String TEMP_MARKER = ".ferry-tmp-";

    /**
     * A temporary file this much older than its last write belongs to a run that died: a live run writes
     * its temporary file without pause and renames it right after, so one that is younger may be another
     * process's upload in flight, and is left alone.
     */
    static final Duration LEFTOVER_AGE = Duration.ofMinutes(10);

    private final Path root;

    public FolderStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    @Override
    public String describe() {
        return "file:" + root;
    }

    /** A folder is created on first write; a file where it (or a folder above it) should be refuses every write. */
    @Override
    public void checkExists() {
        for (Path p = root; p != null; p = p.getParent()) {
            if (Files.isDirectory(p)) {
                return;
            }
            if (Files.exists(p)) {
                throw new dev.ferry.error.TargetRefused(describe(), "not a folder", describe() + " is not a folder: " + p
                        + " is a file; nothing was downloaded or published", "give --to a folder (a missing one is created)", null);
            }
        }
    }

    /** Creates the folder and writes a file in it, removed again: a read-only or full disk fails here, once. */
    @Override
    public void checkWritable() {
        Path probe = tempFor(root.resolve(".ferry-write-check"));
        try {
            Files.createDirectories(root);
            Files.writeString(probe, "written by ferry to check that the folder takes writes\n");
        } catch (IOException e) {
            throw failure(describe() + " refuses writes (nothing was downloaded or published): cannot write in " + root, e);
        } finally {
            deleteQuietly(probe);
        }
    }

    private Path path(String key) {
        KeyRules.checkKey(key, key);
        return root.resolve(key);
    }

    @Override
    public Optional<StoredObject> stat(String key) {
        Path p = path(key);
        try {
            if (!Files.isRegularFile(p)) {
                return Optional.empty();
            }
            return Optional.of(new StoredObject(key, Files.size(p), Optional.empty(), Optional.empty()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw failure("cannot read " + p, e);
        }
    }

    @Override
    public Optional<String> readText(String key) {
        Path p = path(key);
        try {
            return Optional.of(Files.readString(p, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            if (Files.isDirectory(p)) {
                return Optional.empty();
            }
            throw failure("cannot read " + p, e);
        }
    }

    @Override
    public InputStream open(String key) {
        Path p = path(key);
        try {
            return Files.newInputStream(p);
        } catch (NoSuchFileException e) {
            throw new FerryException(describe() + " has no object " + key, "publish it with ferry mirror sync");
        } catch (IOException e) {
            throw failure("cannot read " + p, e);
        }
    }

    /**
     * Copies {@code file} in, checking its sha256 on the way so a source damaged since its verification is
     * never published; under a temporary name, then renamed. Always a copy, never a hard link: a published
     * object must not share an inode with a file that anything (a later run, an editor, root ignoring
     * read-only bits) could write again. The copy costs one more read, sha256 and fsynced write of bytes that
     * were just verified: about a fifth of a folder sync's CPU (bench/README.md has the profile).
     */
    @Override
    public StoredObject put(String key, Path file, Digests digests) {
        Path target = path(key);
        Path temp = null;
        try {
            temp = copyToTemp(key, target, file, digests);
            AtomicFile.place(temp, target); // copyToTemp and textToTemp fsynced it
            temp = null;
            return new StoredObject(key, digests.size(), Optional.empty(), Optional.of(digests.sha256().hex()));
        } catch (IOException e) {
            throw failure("cannot write " + target, e);
        } finally {
            deleteQuietly(temp);
        }
    }

    @Override
    public void putText(String key, String text) {
        Path target = path(key);
        Path temp = null;
        try {
            temp = textToTemp(target, text);
            AtomicFile.place(temp, target); // copyToTemp and textToTemp fsynced it
            temp = null;
        } catch (IOException e) {
            throw failure("cannot write " + target, e);
        } finally {
            deleteQuietly(temp);
        }
    }

    /**
     * Both files are written in full under temporary names before either is renamed into place, so a full
     * disk, or a kill while writing, leaves nothing under a real key. Then two renames, object first: the
     * one instant an object stands without its sidecar is between them. A sidecar rename that fails takes
     * the object back.
     */
    @Override
    public StoredObject publish(String key, Path file, Digests digests, String sidecarKey, String sidecarText, boolean withdrawSidecar) {
        Path target = path(key);
        Path sidecar = path(sidecarKey);
        Path objectTemp = null;
        Path sidecarTemp = null;
        try {
            objectTemp = copyToTemp(key, target, file, digests);
            sidecarTemp = textToTemp(sidecar, sidecarText);
            if (withdrawSidecar) {
                delete(sidecarKey);
            }
            AtomicFile.rename(objectTemp, target);
            objectTemp = null;
            try {
                AtomicFile.rename(sidecarTemp, sidecar);
                sidecarTemp = null;
            } catch (IOException e) {
                delete(key);
                throw failure("cannot write " + sidecar + " (" + key + " was removed again, so no object stands without its sidecar)", e);
            }
            AtomicFile.fsyncFolder(target.getParent());
            AtomicFile.fsyncFolder(sidecar.getParent());
            return new StoredObject(key, digests.size(), Optional.empty(), Optional.of(digests.sha256().hex()));
        } catch (IOException e) {
            throw failure("cannot write " + target, e);
        } finally {
            deleteQuietly(objectTemp);
            deleteQuietly(sidecarTemp);
        }
    }

    /**
     * A verified, fsynced copy of {@code file} under a temporary name beside {@code target}, hashed on the way. The
     * bytes go from the disk to the disk directly ({@link DirectFileReader}, {@link DirectFileWriter}): the page
     * cache holds neither the source nor the copy, which nothing in this run reads again.
     */
    private Path copyToTemp(String key, Path target, Path file, Digests digests) throws IOException {
        Files.createDirectories(target.getParent());
        removeLeftovers(target);
        Path temp = tempFor(target);
        try {
            MessageDigest sha256 = HashAlgorithm.SHA256.newDigest();
            long size = 0;
            try (DirectFileReader in = DirectFileReader.open(file); DirectFileWriter out = DirectFileWriter.open(temp, 0, true, digests.size())) {
                for (ByteBuffer piece = in.next(); piece.hasRemaining(); piece = in.next()) {
                    size += piece.remaining();
                    sha256.update(piece.duplicate());
                    out.write(piece);
                }
                out.force();
            }
            Hash actual = Hash.of(HashAlgorithm.SHA256, sha256.digest());
            if (size != digests.size() || !actual.equals(digests.sha256())) {
                throw new FerryException("refusing to publish " + key + ": its source " + file + " changed after verification (expected "
                        + digests.sha256() + ", " + digests.size() + " bytes; found " + actual + ", " + size + " bytes)",
                        "delete the cache entry " + file + " and run again");
            }
            return temp;
        } catch (IOException | RuntimeException e) {
            deleteQuietly(temp);
            throw e;
        }
    }

    /** {@code text}, fsynced, under a temporary name beside {@code target}. */
    private static Path textToTemp(Path target, String text) throws IOException {
        Files.createDirectories(target.getParent());
        Path temp = tempFor(target);
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW)) {
            ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) {
                out.write(buf);
            }
            out.force(true);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw e;
        }
        return temp;
    }

    @Override
    public void delete(String key) {
        Path p = path(key);
        try {
            if (Files.deleteIfExists(p)) {
                AtomicFile.fsyncFolder(p.getParent());
            }
        } catch (IOException e) {
            throw failure("cannot delete " + p, e);
        }
    }

    @Override
    public List<String> list() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().contains(TEMP_MARKER))
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw new FerryException("cannot list " + root + ": " + e.getMessage(), "check the folder's permissions");
        }
    }

    @Override
    public void close() {
        // nothing held open
    }

    /** Temporary files a killed run left next to {@code target} (never published); another run's fresh ones stay. */
    private static void removeLeftovers(Path target) {
        String prefix = "." + target.getFileName() + TEMP_MARKER;
        long cutoff = System.currentTimeMillis() - LEFTOVER_AGE.toMillis();
        try (Stream<Path> siblings = Files.list(target.getParent())) {
            siblings.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .filter(p -> lastWrite(p) < cutoff)
                    .forEach(FolderStore::deleteQuietly);
        } catch (IOException | UncheckedIOException e) {
            // best effort: leftovers are ignored by list() and never served under a real key
        }
    }

    private static long lastWrite(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return Long.MAX_VALUE; // gone already, or unreadable: not ours to delete
        }
    }

    private static Path tempFor(Path target) {
        return target.resolveSibling("." + target.getFileName() + TEMP_MARKER + UUID.randomUUID());
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // best effort: a leftover temp name is ignored by list() and by readers
            }
        }
    }

    private FerryException failure(String what, IOException e) {
        String reason = e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                : e instanceof java.nio.file.FileAlreadyExistsException ? "a file is in the way"
                : e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null ? fse.getReason()
                : e.getMessage() == null ? "input/output error" : dev.ferry.error.NetworkFailure.withoutClassNames(e.getMessage());
        return new dev.ferry.error.TargetRefused(describe(), reason, what + ": " + reason,
                "check that the folder exists, is writable and has free space", e);
    }
}
