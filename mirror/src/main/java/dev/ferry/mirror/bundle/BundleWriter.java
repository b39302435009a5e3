package dev.ferry.mirror.bundle;

import com.github.luben.zstd.ZstdOutputStream;
import dev.ferry.error.FerryException;
import dev.ferry.format.AtomicFile;
import dev.ferry.mirror.asset.Hash;
import dev.ferry.mirror.asset.HashAlgorithm;
import dev.ferry.mirror.layout.Layout;
import dev.ferry.progress.Progress;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes a bundle in one streaming pass: header, lock, every asset from its verified file, index;
 * compressed with zstd and optionally split into parts. Memory stays flat (fixed buffers) whatever the
 * size. Everything is written under {@code .partial} names and renamed only when complete, the parts
 * manifest last, so an interrupted pack never leaves a file that looks finished.
 */
public final class BundleWriter {
    private static final int BUFFER = 1 << 20;

    /**
     * @param level     zstd level (1 fastest … 19 smallest; 3 is zstd's default)
     * @param partSize  split into parts of this many bytes, or one file when empty
     * @param workers   zstd compression threads (0: compress on the calling thread)
     */
    public record Options(int level, OptionalLong partSize, int workers) {
        public Options {
            if (level < 1 || level > 19) {
                throw FerryException.badInput("--level must be between 1 and 19, not " + level, "3 is a good default; 19 is smallest and slowest");
            }
            if (partSize.isPresent() && partSize.getAsLong() < 1024 * 1024) {
                throw FerryException.badInput("--split must be at least 1m, not " + partSize.getAsLong() + " bytes", "e.g. --split 4g");
            }
        }
    }

    /** An asset to pack: its verified file on disk and what the header records for it. */
    public record Input(Path file, BundleAsset asset) {
        public Input {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(asset, "asset");
        }
    }

    /** What was written: the bundle file or parts, the manifest of a split bundle, and the byte counts. */
    public record Result(List<Path> files, Optional<Path> manifest, long tarBytes, long compressedBytes, BundleHeader header) {
        public Result {
            files = List.copyOf(files);
        }
    }

    private BundleWriter() {}

    /** A bundle of files only. */
    public static Result write(Path output, Options options, byte[] lockBytes, Layout layout, List<Input> inputs,
                               String createdBy, Progress progress) {
        return write(output, options, lockBytes, layout, inputs, BundleImages.NONE, createdBy, progress);
    }

    public static Result write(Path output, Options options, byte[] lockBytes, Layout layout, List<Input> inputs, BundleImages images,
                               String createdBy, Progress progress) {
        Path out = output.toAbsolutePath();
        Path manifestPath = out.resolveSibling(out.getFileName() + BundleFormat.PARTS_SUFFIX);
        BundleHeader header = new BundleHeader(images.isEmpty() ? BundleFormat.FILES_ONLY : BundleFormat.VERSION, createdBy,
                Instant.now().toString(), layout, lockBytes.length, sha256(lockBytes), inputs.stream().map(Input::asset).toList(),
                images.images(), images.blobs().stream().map(BundleImages.BlobFile::blob).toList(), images.isEmpty() ? Optional.empty()
                        : Optional.of(new BundleBlob(sha256(images.indexJson()), images.indexJson().length)));
        try {
            Files.createDirectories(out.getParent());
            deleteMatching(out, "(\\.\\d{3}|\\.parts\\.json)?\\.partial", List.of());
        } catch (IOException e) {
            throw new FerryException("cannot prepare " + out + ": " + e.getMessage(), "check the folder exists and is writable",
                    FerryException.FAILED, e);
        }
        PartsOutputStream parts = new PartsOutputStream(out, options.partSize());
        boolean done = false;
        try (Progress packing = progress.phase("packing", header.assetBytes() + header.blobBytes())) {
            long tarBytes = writeTar(parts, options, header, lockBytes, inputs, images, packing);
            parts.close();
            Result result = name(out, manifestPath, options, parts, tarBytes, header);
            done = true;
            return result;
        } catch (IOException e) {
            throw new FerryException("cannot write the bundle " + out + ": " + e.getMessage(),
                    "check free space in " + out.getParent() + " (a bundle needs about the assets' size)", FerryException.FAILED, e);
        } finally {
            if (!done) {
                parts.discard();
            }
        }
    }

    /** The tar inside zstd: header, lock, every asset, index. Returns the tar's size. */
    private static long writeTar(PartsOutputStream parts, Options options, BundleHeader header, byte[] lockBytes, List<Input> inputs,
                                 BundleImages images, Progress packing) throws IOException {
        List<BundleIndex.Entry> index = new ArrayList<>();
        CountingOutputStream counted;
        try (ZstdOutputStream zstd = new ZstdOutputStream(parts, options.level())) {
            zstd.setChecksum(true);
            if (options.workers() > 0) {
                zstd.setWorkers(options.workers());
            }
            counted = new CountingOutputStream(new BufferedOutputStream(zstd, BUFFER));
            TarArchiveOutputStream tar = new TarArchiveOutputStream(counted);
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            index.add(small(tar, BundleFormat.HEADER, header.toJson().getBytes(StandardCharsets.UTF_8)));
            index.add(small(tar, BundleFormat.LOCK, lockBytes));
            byte[] buffer = new byte[BUFFER];
            for (Input in : inputs) {
                index.add(entry(tar, BundleFormat.entryName(in.asset().key()), in.file(), in.asset().size(), in.asset().sha256(), buffer, packing));
            }
            if (!images.isEmpty()) {
                index.add(small(tar, BundleFormat.IMAGES_LAYOUT, BundleFormat.OCI_LAYOUT.getBytes(StandardCharsets.UTF_8)));
                index.add(small(tar, BundleFormat.IMAGES_INDEX, images.indexJson()));
                for (BundleImages.BlobFile b : images.blobs()) {
                    index.add(entry(tar, b.blob().entryName(), b.file(), b.blob().size(), b.blob().sha256(), buffer, packing));
                }
            }
            small(tar, BundleFormat.INDEX, new BundleIndex(index).toJson().getBytes(StandardCharsets.UTF_8));
            tar.finish();
            counted.flush();
        }
        return counted.count;
    }

    /** The finished parts take their names (and an earlier bundle of the same name stops looking valid first). */
    private static Result name(Path out, Path manifestPath, Options options, PartsOutputStream parts, long tarBytes, BundleHeader header)
            throws IOException {
        Files.deleteIfExists(manifestPath);
        List<Path> files = new ArrayList<>();
        for (PartsOutputStream.Written w : parts.written()) {
            AtomicFile.commit(w.temporary(), w.target()); // on disk before it is named: bundles leave on USB sticks
            files.add(w.target());
        }
        deleteMatching(out, "(\\.\\d{3})?", files);
        Optional<Path> manifest = Optional.empty();
        if (options.partSize().isPresent()) {
            PartsManifest pm = new PartsManifest(out.getFileName().toString(), parts.written().stream()
                    .map(w -> new PartsManifest.Part(w.target().getFileName().toString(), w.size(), w.sha256())).toList());
            AtomicFile.write(manifestPath, pm.toJson());
            manifest = Optional.of(manifestPath);
        }
        return new Result(files, manifest, tarBytes, parts.total(), header);
    }

    private static BundleIndex.Entry small(TarArchiveOutputStream tar, String name, byte[] bytes) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(bytes.length);
        e.setMode(0644);
        tar.putArchiveEntry(e);
        tar.write(bytes);
        tar.closeArchiveEntry();
        return new BundleIndex.Entry(name, bytes.length, sha256(bytes));
    }

    /** A file's bytes as the entry {@code name}, hashed on the way: this read is the one whose bytes go into the bundle. */
    private static BundleIndex.Entry entry(TarArchiveOutputStream tar, String name, Path file, long expectedSize, Hash expected,
                                           byte[] buffer, Progress progress) throws IOException {
        String what = name.startsWith(BundleFormat.FILES) ? "the cached copy of " + name.substring(BundleFormat.FILES.length())
                : "the stored copy of blob " + name.substring(name.lastIndexOf('/') + 1);
        long size = Files.size(file);
        if (size != expectedSize) {
            throw new FerryException(what + " changed size after it was verified (" + size
                    + " bytes, expected " + expectedSize + ")", "run pack again; it downloads the file anew");
        }
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(size);
        e.setMode(0644);
        tar.putArchiveEntry(e);
        MessageDigest sha256 = HashAlgorithm.SHA256.newDigest();
        try (InputStream is = Files.newInputStream(file)) {
            int n;
            while ((n = is.read(buffer)) > 0) {
                tar.write(buffer, 0, n);
                sha256.update(buffer, 0, n);
                progress.moved(n);
            }
        }
        tar.closeArchiveEntry();
        Hash got = Hash.of(HashAlgorithm.SHA256, sha256.digest());
        if (!got.equals(expected)) {
            throw new FerryException(what + " changed after it was verified: sha256 " + got.hex()
                    + ", expected " + expected.hex() + "; no bundle was written", "delete " + file + " and run pack again");
        }
        return new BundleIndex.Entry(name, size, got);
    }

    static Hash sha256(byte[] bytes) {
        return Hash.of(HashAlgorithm.SHA256, HashAlgorithm.SHA256.newDigest().digest(bytes));
    }

    /** Deletes leftovers of an earlier pack of the same name: {@code NAME<suffix>} files other than {@code keep}. */
    private static void deleteMatching(Path out, String suffix, List<Path> keep) throws IOException {
        Pattern part = Pattern.compile(Pattern.quote(out.getFileName().toString()) + suffix);
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(out.getParent())) {
            for (Path p : ds) {
                if (part.matcher(p.getFileName().toString()).matches() && !keep.contains(p)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** Counts the uncompressed tar bytes, for the compression ratio in the summary. */
    private static final class CountingOutputStream extends java.io.FilterOutputStream {
        long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
