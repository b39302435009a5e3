package dev.ferry.registry.layout;

import dev.ferry.error.FerryException;
import dev.ferry.error.HashMismatch;
import dev.ferry.error.TargetRefused;
import dev.ferry.format.AtomicFile;
import dev.ferry.format.Json;
import dev.ferry.format.Yaml;
import dev.ferry.format.YamlNode;
import dev.ferry.registry.oci.CheckedBlobStream.BlobMismatch;
import dev.ferry.registry.oci.Descriptor;
import dev.ferry.registry.oci.Digest;
import dev.ferry.registry.oci.Manifest;
import dev.ferry.registry.oci.MediaTypes;
import dev.ferry.registry.ref.ImageReference;
import dev.ferry.registry.store.ImageSource;
import dev.ferry.registry.store.ImageTarget;
import dev.ferry.registry.store.SourceFailure;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * An OCI image layout on disk ({@code oci-layout}, {@code index.json}, {@code blobs/sha256/<hex>}): the air-gap
 * form of images, blobs and manifests alike stored once by digest, so digests survive the trip. Every file is
 * written under a temporary name, fsynced and renamed; {@code index.json} last, under a lock, so an image is
 * listed only once everything it refers to is on disk. As a source, every byte read is checked by the reader.
 */
public final class OciLayout implements ImageSource, ImageTarget {
    /** The image's name in the layout: the canonical reference as kOps writes it. */
    public static final String REF_NAME = "org.opencontainers.image.ref.name";
    /** The fully qualified canonical reference, as containerd's image import reads it. */
    public static final String IMAGE_NAME = "io.containerd.image.name";

    private static final int BUFFER = 256 * 1024;
    /** One monitor per layout folder in this JVM: a file lock is held per process, not per thread. */
    private static final Map<Path, Object> WRITERS = new java.util.concurrent.ConcurrentHashMap<>();
    private final Path dir;

    private OciLayout(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** A layout to read; fails when {@code dir} is not one. */
    public static OciLayout open(Path dir) {
        OciLayout l = new OciLayout(dir);
        if (!Files.isRegularFile(l.dir.resolve("oci-layout")) || !Files.isRegularFile(l.dir.resolve("index.json"))) {
            throw FerryException.badInput(dir + " is not an OCI image layout (no oci-layout and index.json)", "give the folder a copy wrote");
        }
        return l;
    }

    /** A layout to write, created when absent. */
    public static OciLayout create(Path dir) {
        OciLayout l = new OciLayout(dir);
        try {
            Files.createDirectories(l.dir.resolve("blobs").resolve("sha256"));
            if (!Files.exists(l.dir.resolve("oci-layout"))) {
                AtomicFile.write(l.dir.resolve("oci-layout"), "{\"imageLayoutVersion\": \"1.0.0\"}\n");
            }
            if (!Files.exists(l.dir.resolve("index.json"))) {
                AtomicFile.write(l.dir.resolve("index.json"), indexJson(List.of()));
            }
        } catch (IOException e) {
            throw new TargetRefused(l.describe(), "cannot create the OCI layout " + l.dir + ": " + e.getMessage(), "check the folder is writable", e);
        }
        return l;
    }

    public Path dir() {
        return dir;
    }

    @Override
    public String describe() {
        return "oci:" + dir;
    }

    /** The file of a blob. */
    public Path blobPath(Digest d) {
        return dir.resolve("blobs").resolve(d.algorithm()).resolve(d.hex());
    }

    /** The images listed in {@code index.json}, in its order. */
    public List<LayoutEntry> entries() {
        Path index = dir.resolve("index.json");
        YamlNode root = Yaml.readJson(index);
        Map<String, YamlNode> m = root.map("index.json");
        List<LayoutEntry> out = new ArrayList<>();
        Manifest asIndex = Manifest.of(read(index), MediaTypes.OCI_INDEX, index.toString());
        List<YamlNode> raw = m.containsKey("manifests") ? m.get("manifests").list("manifests") : List.of();
        for (int i = 0; i < raw.size(); i++) {
            Map<String, String> annotations = new LinkedHashMap<>();
            YamlNode a = raw.get(i).map("an index entry").get("annotations");
            if (a != null && a.isMap()) {
                a.map("annotations").forEach((k, v) -> annotations.put(k, v.string(k)));
            }
            out.add(new LayoutEntry(asIndex.children().get(i), annotations));
        }
        return out;
    }

    /** The entry named {@code reference} (its reference name, or its containerd image name). */
    public Optional<LayoutEntry> entry(String reference) {
        return entries().stream().filter(e -> reference.equals(e.annotations().get(REF_NAME))).findFirst()
                .or(() -> entries().stream().filter(e -> reference.equals(e.annotations().get(IMAGE_NAME))).findFirst());
    }

    @Override
    public Optional<Manifest> manifest(String reference, String mediaType) {
        if (Digest.looksLikeDigest(reference)) {
            Digest digest = Digest.parse(reference);
            return Files.isRegularFile(blobPath(digest)) ? Optional.of(load(digest, mediaType)) : Optional.empty();
        }
        return entry(reference).map(e -> load(e.descriptor().digest(), e.descriptor().mediaType()));
    }

    private Manifest load(Digest digest, String mediaType) {
        Path file = blobPath(digest);
        Manifest m = Manifest.of(read(file), mediaType, digest.algorithm(), file.toString());
        if (!m.digest().equals(digest)) {
            throw new HashMismatch(file.toString(), digest.algorithm(), digest.hex(), m.digest().hex(), "the layout's file is damaged");
        }
        return m;
    }

    @Override
    public InputStream blob(Descriptor blob, long offset) {
        Path file = blobPath(blob.digest());
        try {
            InputStream in = Files.newInputStream(file);
            in.skipNBytes(offset);
            return in;
        } catch (NoSuchFileException e) {
            throw new FerryException(describe() + " has no blob " + blob.digest(), "the layout is incomplete: copy the images into it again");
        } catch (IOException e) {
            throw new FerryException("cannot read " + file + ": " + e.getMessage(), "check the disk");
        }
    }

    @Override
    public Optional<Digest> manifestDigest(String reference) {
        if (Digest.looksLikeDigest(reference)) {
            Digest d = Digest.parse(reference);
            return Files.isRegularFile(blobPath(d)) ? Optional.of(d) : Optional.empty();
        }
        return entry(reference).map(LayoutEntry::descriptor).filter(d -> Files.isRegularFile(blobPath(d.digest()))).map(Descriptor::digest);
    }

    /** Present when its file is there with the right size: files are put in place whole, after their digest was checked. */
    @Override
    public boolean hasBlob(Descriptor blob) {
        try {
            return Files.size(blobPath(blob.digest())) == blob.size();
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void pushBlob(Descriptor blob, Supplier<InputStream> content, LongConsumer moved) {
        Path target = blobPath(blob.digest());
        Path tmp = null;
        try {
            tmp = AtomicFile.temporary(target);
            try (InputStream in = content.get(); OutputStream out = Files.newOutputStream(tmp)) {
                byte[] buf = new byte[BUFFER];
                for (int n; (n = in.readNBytes(buf, 0, buf.length)) > 0; ) {
                    out.write(buf, 0, n);
                    moved.accept(n);
                }
            }
            AtomicFile.commit(tmp, target);
        } catch (BlobMismatch e) {
            throw new HashMismatch("blob " + blob.digest() + " for " + describe(), blob.digest().algorithm(), blob.digest().hex(), e.actual(),
                    "the source served other bytes; nothing was stored under this digest");
        } catch (SourceFailure e) {
            throw e.failure();
        } catch (IOException e) {
            throw new TargetRefused(describe(), "cannot write " + target + ": " + e.getMessage(), "check the disk has room and is writable", e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    @Override
    public void pushManifest(Manifest manifest, Optional<String> tag) {
        Path target = blobPath(manifest.digest());
        try {
            if (!Files.isRegularFile(target) || Files.size(target) != manifest.size()) {
                AtomicFile.write(target, manifest.bytes());
            }
            if (tag.isPresent()) {
                list(manifest, tag.get());
            }
        } catch (IOException e) {
            throw new TargetRefused(describe(), "cannot write " + target + ": " + e.getMessage(), "check the disk has room and is writable", e);
        }
    }

    /** Adds (or moves) the entry named {@code name} in {@code index.json}, under a lock other Ferry processes respect. */
    private void list(Manifest manifest, String name) throws IOException {
        synchronized (WRITERS.computeIfAbsent(dir, d -> new Object())) {
            listLocked(manifest, name);
        }
    }

    @SuppressWarnings("try") // the lock is held for the block, never read
    private void listLocked(Manifest manifest, String name) throws IOException {
        try (FileChannel lockFile = FileChannel.open(dir.resolve("oci-layout"), StandardOpenOption.WRITE);
             FileLock lock = lockFile.lock()) {
            List<Map<String, Object>> entries = new ArrayList<>();
            for (LayoutEntry e : entries()) {
                if (!e.refName().equals(Optional.of(name))) {
                    entries.add(json(e));
                }
            }
            Map<String, String> annotations = new LinkedHashMap<>();
            annotations.put(REF_NAME, name);
            try {
                annotations.put(IMAGE_NAME, ImageReference.parse(name).toString());
            } catch (FerryException notAnImageName) {
                // a plain tag: no containerd name to give
            }
            entries.add(json(new LayoutEntry(manifest.descriptor(), annotations)));
            AtomicFile.write(dir.resolve("index.json"), indexJson(entries));
        }
    }

    private static Map<String, Object> json(LayoutEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mediaType", e.descriptor().mediaType());
        m.put("digest", e.descriptor().digest().toString());
        m.put("size", e.descriptor().size());
        e.descriptor().platform().ifPresent(p -> {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("architecture", p.architecture());
            pm.put("os", p.os());
            p.variant().ifPresent(v -> pm.put("variant", v));
            m.put("platform", pm);
        });
        if (!e.annotations().isEmpty()) {
            m.put("annotations", new java.util.TreeMap<>(e.annotations()));
        }
        return m;
    }

    /** The {@code index.json} of a layout listing exactly {@code entries}, in that order. */
    public static String indexJsonOf(List<LayoutEntry> entries) {
        return indexJson(entries.stream().map(OciLayout::json).toList());
    }

    private static String indexJson(List<Map<String, Object>> entries) {
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("schemaVersion", 2);
        index.put("mediaType", MediaTypes.OCI_INDEX);
        index.put("manifests", entries);
        return Json.write(index) + "\n";
    }

    @Override
    public String blobScope() {
        return describe();
    }

    private static byte[] read(Path file) {
        try {
            if (Files.size(file) > Manifest.MAX_BYTES) {
                throw new FerryException(file + " is larger than a manifest can be", "check the layout");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new FerryException("cannot read " + file + ": " + e.getMessage(), "check the layout");
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a leftover temporary file is harmless
            }
        }
    }

    @Override
    public String toString() {
        return describe();
    }
}
