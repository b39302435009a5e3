package dev.ferry.mirror.bundle;

import dev.ferry.progress.Progress;
import dev.ferry.error.FerryException;
import dev.ferry.mirror.asset.Hash;
import dev.ferry.mirror.asset.HashAlgorithm;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files a bundle is made of: one {@code .tar.zst}, or the parts a {@code .parts.json} manifest lists.
 * Accepts the bundle name, the manifest, or any part's name, and refuses an unfinished pack.
 */
public final class BundleSource {
    private static final Pattern PART = Pattern.compile("(.+)\\.(\\d{3})");
    private static final int BUFFER = 1 << 20;

    private final Path given;
    private final List<Path> files;
    private final Optional<PartsManifest> manifest;

    private BundleSource(Path given, List<Path> files, Optional<PartsManifest> manifest) {
        this.given = given;
        this.files = List.copyOf(files);
        this.manifest = manifest;
    }

    public static BundleSource locate(Path given) {
        Path p = given.toAbsolutePath();
        String name = p.getFileName().toString();
        if (name.endsWith(PartsOutputStream.PARTIAL)) {
            throw FerryException.badInput(given + " is an unfinished bundle (pack was interrupted or is still running)",
                    "run `ferry mirror pack` again and carry the finished file");
        }
        if (name.endsWith(BundleFormat.PARTS_SUFFIX)) {
            return split(given, p);
        }
        Matcher m = PART.matcher(name);
        if (m.matches() && !Files.isRegularFile(p.resolveSibling(name + BundleFormat.PARTS_SUFFIX))) {
            Path manifest = p.resolveSibling(m.group(1) + BundleFormat.PARTS_SUFFIX);
            if (Files.isRegularFile(manifest)) {
                return split(given, manifest);
            }
        }
        Path manifest = p.resolveSibling(name + BundleFormat.PARTS_SUFFIX);
        if (Files.isRegularFile(manifest)) {
            return split(given, manifest);
        }
        if (Files.isRegularFile(p)) {
            return new BundleSource(given, List.of(p), Optional.empty());
        }
        if (Files.isRegularFile(p.resolveSibling(BundleFormat.partName(name, 0)))) {
            throw new FerryException("found the parts of " + name + " but not its parts manifest " + manifest.getFileName(),
                    "copy " + manifest.getFileName() + " (written by pack --split) next to the parts; it holds each part's sha256");
        }
        throw FerryException.badInput("no such bundle: " + given, "give the .tar.zst file, or for a split bundle its .parts.json or any part");
    }

    private static BundleSource split(Path given, Path manifestPath) {
        String text;
        try {
            text = Files.readString(manifestPath, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw FerryException.badInput("cannot read the parts manifest " + manifestPath + ": " + e.getMessage(), "check the path");
        }
        PartsManifest manifest = PartsManifest.parse(text, manifestPath.getFileName().toString());
        List<Path> files = manifest.parts().stream().map(part -> manifestPath.resolveSibling(part.name())).toList();
        return new BundleSource(given, files, Optional.of(manifest));
    }

    /** What the user gave, for messages. */
    public String describe() {
        return given.toString();
    }

    public List<Path> files() {
        return files;
    }

    public Optional<PartsManifest> manifest() {
        return manifest;
    }

    /** The compressed size: all parts together, as the manifest records them for a split bundle. */
    public long size() {
        if (manifest.isPresent()) {
            return manifest.get().size();
        }
        try {
            return Files.size(files.get(0));
        } catch (IOException e) {
            throw new FerryException("cannot read " + files.get(0) + ": " + e.getMessage(), null, FerryException.FAILED, e);
        }
    }

    /**
     * For a split bundle: every part is present, has its recorded size and sha256. All problems are named
     * in one message, before any byte is trusted. A single-file bundle is checked as it streams (zstd checksum,
     * per-entry sha256).
     */
    public void checkParts(Progress progress) {
        if (manifest.isEmpty()) {
            return;
        }
        List<String> problems = new ArrayList<>();
        List<PartsManifest.Part> parts = manifest.get().parts();
        for (int i = 0; i < parts.size(); i++) {
            PartsManifest.Part part = parts.get(i);
            Path f = files.get(i);
            try {
                if (!Files.isRegularFile(f)) {
                    problems.add("part " + part.name() + " is missing");
                } else if (Files.size(f) != part.size()) {
                    problems.add("part " + part.name() + " has " + Files.size(f) + " bytes, the manifest says " + part.size()
                            + (Files.size(f) < part.size() ? " (truncated)" : ""));
                }
            } catch (IOException e) {
                problems.add("part " + part.name() + " cannot be read: " + e.getMessage());
            }
        }
        if (problems.isEmpty()) {
            try (Progress checking = progress.phase("checking parts", manifest.get().size())) {
                byte[] buffer = new byte[BUFFER];
                for (int i = 0; i < parts.size(); i++) {
                    Hash got = hash(files.get(i), buffer, checking);
                    if (!got.equals(parts.get(i).sha256())) {
                        problems.add("part " + parts.get(i).name() + " is damaged: its sha256 is " + got.hex() + ", the manifest says "
                                + parts.get(i).sha256().hex());
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new FerryException("the bundle " + manifest.get().bundle() + " is incomplete or damaged: " + String.join("; ", problems),
                    "copy the named parts again from the connected side (compare with: sha256sum " + manifest.get().bundle() + ".*); nothing was published",
                    FerryException.FAILED, null);
        }
    }

    private static Hash hash(Path f, byte[] buffer, Progress progress) {
        MessageDigest d = HashAlgorithm.SHA256.newDigest();
        try (InputStream in = Files.newInputStream(f)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                d.update(buffer, 0, n);
                progress.moved(n);
            }
        } catch (IOException e) {
            throw new FerryException("cannot read " + f + ": " + e.getMessage(), null, FerryException.FAILED, e);
        }
        return Hash.of(HashAlgorithm.SHA256, d.digest());
    }

    /** The parts as one stream, in order; {@link PartsInputStream#where()} names the part being read. */
    public PartsInputStream open() {
        return new PartsInputStream(files);
    }
}
