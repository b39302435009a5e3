package dev.ferry.registry.serve;

import dev.ferry.error.FerryException;
import dev.ferry.registry.layout.LayoutEntry;
import dev.ferry.registry.layout.OciLayout;
import dev.ferry.registry.oci.Descriptor;
import dev.ferry.registry.oci.Digest;
import dev.ferry.registry.oci.Manifest;
import dev.ferry.registry.oci.MediaTypes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The images held as OCI image layouts in the served folder (the folder itself, or any folder directly in it),
 * and what a registry request for a name means among them. {@code index.json} is read again when it changes,
 * so images a sync adds while the server runs are answered; a layout folder made later is found too.
 */
final class ServedImages {
    /** An index lists at most this many manifests below it (nested indexes included) before the search stops. */
    private static final int MAX_MANIFESTS = 256;

    /** What a lookup found, or why nothing: the HTTP status, the distribution error code and a message. */
    sealed interface Result<T> {}

    record Found<T>(T value) implements Result<T> {}

    record Missing<T>(int status, String code, String message) implements Result<T> {}

    private record Snapshot(FileTime modified, long size, List<ServedImage> images) {}

    private final Path root;
    private final Consumer<String> log;
    private final Map<Path, Snapshot> snapshots = new ConcurrentHashMap<>();

    /** @param root the served folder, its real path */
    ServedImages(Path root, Consumer<String> log) {
        this.root = root;
        this.log = log;
    }

    /** Every image of every layout: layouts in name order, images in their {@code index.json} order. */
    List<ServedImage> all() {
        List<ServedImage> out = new ArrayList<>();
        layoutDirs().forEach(dir -> out.addAll(snapshot(dir).images()));
        return out;
    }

    /** The layout folders: the served folder when it is one, and those directly in it (hidden names and symlinks out left aside). */
    List<Path> layoutDirs() {
        List<Path> dirs = new ArrayList<>();
        if (isLayout(root)) {
            dirs.add(root);
        }
        try (Stream<Path> children = Files.list(root)) {
            children.filter(p -> !p.getFileName().toString().startsWith(".")).filter(ServedImages::isLayout).sorted()
                    .filter(this::inside).forEach(dirs::add);
        } catch (IOException e) {
            log.accept("cannot list " + root + " for image layouts: " + e.getMessage());
        }
        return dirs;
    }

    /** The images a request for {@code name} may mean; {@code ns} (containerd's upstream registry) narrows them to one registry. */
    List<ServedImage> named(String name, Optional<String> ns) {
        Optional<String> registry = ns.map(ServedImages::dockerHub);
        return all().stream().filter(i -> i.names().contains(name)).filter(i -> registry.isEmpty() || i.registry().equals(registry.get())).toList();
    }

    /** The manifest or index {@code reference} (a tag or a digest) of {@code name}. */
    Result<Manifest> manifest(String name, String reference, Optional<String> ns) {
        List<ServedImage> images = named(name, ns);
        if (images.isEmpty()) {
            return unknownName(name, ns);
        }
        if (Digest.looksLikeDigest(reference)) {
            Digest d = Digest.parse(reference);
            for (ServedImage i : images) {
                Optional<Descriptor> held = within(i, d);
                if (held.isPresent()) {
                    return load(i.layout(), held.get());
                }
            }
            return new Missing<>(404, "MANIFEST_UNKNOWN", name + "@" + d + " is no manifest of the image(s) " + listed(images));
        }
        List<ServedImage> tagged = images.stream().filter(i -> i.tag().equals(Optional.of(reference))).toList();
        if (tagged.isEmpty()) {
            return new Missing<>(404, "MANIFEST_UNKNOWN", name + " has no tag " + reference + " here; it has "
                    + String.join(", ", tags(images)));
        }
        if (tagged.stream().map(i -> i.entry().descriptor().digest()).distinct().count() > 1) {
            return new Missing<>(404, "MANIFEST_UNKNOWN", name + ":" + reference + " is ambiguous here: it may be " + listed(tagged)
                    + ". Ask for the full name (" + tagged.get(0).reference().name() + ":" + reference
                    + "), or pull through a containerd mirror, which says which registry it mirrors");
        }
        return load(tagged.get(0).layout(), tagged.get(0).entry().descriptor());
    }

    /** The file of blob {@code digest}, looked for in the layouts holding {@code name}. */
    Result<Path> blob(String name, Digest digest, Optional<String> ns) {
        List<ServedImage> images = named(name, ns);
        if (images.isEmpty()) {
            return unknownName(name, ns);
        }
        for (OciLayout layout : images.stream().map(ServedImage::layout).distinct().toList()) {
            Result<Path> file = file(layout, digest);
            if (file instanceof Found<Path>) {
                return file;
            }
        }
        return new Missing<>(404, "BLOB_UNKNOWN", "no blob " + digest + " in the layout of " + name);
    }

    /** The tags of {@code name}, sorted. */
    Result<List<String>> tags(String name, Optional<String> ns) {
        List<ServedImage> images = named(name, ns);
        return images.isEmpty() ? unknownName(name, ns) : new Found<>(tags(images));
    }

    private static List<String> tags(List<ServedImage> images) {
        return images.stream().flatMap(i -> i.tag().stream()).distinct().sorted().toList();
    }

    private <T> Missing<T> unknownName(String name, Optional<String> ns) {
        return new Missing<>(404, "NAME_UNKNOWN", "no image named " + name + ns.map(n -> " from " + n).orElse("")
                + " in the OCI image layouts of " + root);
    }

    private static String listed(List<ServedImage> images) {
        return String.join(", ", images.stream().map(ServedImage::toString).distinct().toList());
    }

    /** The descriptor of {@code d} when it is the image's top manifest or index, or a manifest an index of it lists. */
    private Optional<Descriptor> within(ServedImage image, Digest d) {
        Deque<Descriptor> todo = new ArrayDeque<>(List.of(image.entry().descriptor()));
        Set<Digest> seen = new HashSet<>();
        while (!todo.isEmpty() && seen.size() < MAX_MANIFESTS) {
            Descriptor next = todo.poll();
            if (next.digest().equals(d)) {
                return Optional.of(next);
            }
            if (seen.add(next.digest()) && (MediaTypes.isIndex(next.mediaType()) || next.mediaType().isEmpty())
                    && load(image.layout(), next) instanceof Found<Manifest> f) {
                todo.addAll(f.value().children());
            }
        }
        return Optional.empty();
    }

    private Result<Manifest> load(OciLayout layout, Descriptor d) {
        Result<Path> file = file(layout, d.digest());
        if (!(file instanceof Found<Path> f)) {
            Missing<Path> m = (Missing<Path>) file;
            return new Missing<>(m.status(), "MANIFEST_UNKNOWN", m.message());
        }
        try {
            // the layout reads it (size bound, digest checked); file() above kept the path inside the served folder
            return layout.manifest(d.digest().toString(), d.mediaType()).<Result<Manifest>>map(Found::new)
                    .orElseGet(() -> new Missing<>(404, "MANIFEST_UNKNOWN", "no manifest " + d.digest() + " in " + layout.dir()));
        } catch (FerryException e) {
            return new Missing<>(500, "UNKNOWN", e.getMessage());
        }
    }

    /** A blob's file, when it is a regular file whose real path stays in the served folder. */
    private Result<Path> file(OciLayout layout, Digest d) {
        Path p = layout.blobPath(d);
        if (!Files.isRegularFile(p)) {
            return new Missing<>(404, "BLOB_UNKNOWN", "no blob " + d + " in " + layout.dir());
        }
        try {
            Path real = p.toRealPath();
            return real.startsWith(root) ? new Found<>(real)
                    : new Missing<>(404, "BLOB_UNKNOWN", "blob " + d + " is a symlink out of the served folder, to " + real);
        } catch (IOException e) {
            return new Missing<>(404, "BLOB_UNKNOWN", "cannot resolve " + p + ": " + e.getMessage());
        }
    }

    private Snapshot snapshot(Path dir) {
        Path index = dir.resolve("index.json");
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(index, BasicFileAttributes.class);
        } catch (IOException e) {
            return new Snapshot(FileTime.fromMillis(0), -1, List.of());
        }
        Snapshot cached = snapshots.get(dir);
        if (cached != null && cached.modified().equals(attrs.lastModifiedTime()) && cached.size() == attrs.size()) {
            return cached;
        }
        List<ServedImage> images = new ArrayList<>();
        int unnamed = 0;
        try {
            OciLayout layout = OciLayout.open(dir);
            for (LayoutEntry e : layout.entries()) {
                Optional<ServedImage> image = ServedImage.of(layout, e);
                image.ifPresent(images::add);
                unnamed += image.isPresent() ? 0 : 1;
            }
            log.accept("images: " + images.size() + " in " + dir + (unnamed == 0 ? ""
                    : " (" + unnamed + " entries without an image name are not served)"));
        } catch (FerryException e) {
            log.accept("images: cannot read the layout " + dir + ": " + e.getMessage());
        }
        Snapshot fresh = new Snapshot(attrs.lastModifiedTime(), attrs.size(), List.copyOf(images));
        snapshots.put(dir, fresh);
        return fresh;
    }

    private boolean inside(Path dir) {
        try {
            return dir.toRealPath().startsWith(root);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isLayout(Path dir) {
        return Files.isRegularFile(dir.resolve("oci-layout")) && Files.isRegularFile(dir.resolve("index.json"));
    }

    /** containerd names Docker Hub {@code docker.io} in {@code ns}; the other spellings mean the same registry. */
    private static String dockerHub(String ns) {
        return ns.equals("index.docker.io") || ns.equals("registry-1.docker.io") ? "docker.io" : ns;
    }
}
