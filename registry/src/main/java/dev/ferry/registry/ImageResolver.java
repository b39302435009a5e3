package dev.ferry.registry;

import dev.ferry.concurrent.ParallelMap;
import dev.ferry.error.FerryException;
import dev.ferry.error.HashMismatch;
import dev.ferry.format.Yaml;
import dev.ferry.format.YamlNode;
import dev.ferry.registry.oci.CheckedBlobStream;
import dev.ferry.registry.oci.Descriptor;
import dev.ferry.registry.oci.Manifest;
import dev.ferry.registry.oci.Platform;
import dev.ferry.registry.ref.ImageRequest;
import dev.ferry.registry.store.ImageSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Pins images ({@code plan --resolve}, or the first sync): reads each image's manifest or index from its
 * sources, by the pinned digest when there is one, and says its digest, media type and platforms. The
 * platform of a single-platform image comes from its config blob.
 */
public final class ImageResolver {
    private static final int MAX_CONFIG = 1 << 20;
    private final RegistryAccess access;

    public ImageResolver(RegistryAccess access) {
        this.access = access;
    }

    /** Every image resolved, {@code jobs} at a time, in the given order; the first failure is thrown. */
    public List<ResolvedImage> resolve(List<ImageRequest> images, int jobs) {
        return new ParallelMap(jobs, "image-resolve").map(images, this::resolve);
    }

    public ResolvedImage resolve(ImageRequest image) {
        ImageSource source = access.source(image.source());
        String ref = image.pinned().map(Object::toString).orElse(image.source().reference());
        Manifest m = source.manifest(ref, "").orElseThrow(() -> new FerryException(source.describe() + " has no image " + ref,
                "check the image name and tag, and the source mirror if one is set"));
        if (image.pinned().isPresent() && !image.pinned().get().equals(m.digest())) {
            throw new HashMismatch(image.canonical(), m.digest().algorithm(), image.pinned().get().hex(), m.digest().hex(), "");
        }
        List<Platform> platforms = m.isIndex() ? m.platforms() : m.blobs().isEmpty() ? List.of() : List.of(platform(source, m.blobs().get(0)));
        return new ResolvedImage(image.canonical(), m.digest(), m.mediaType(), platforms);
    }

    /** The os and architecture an image config names. */
    private static Platform platform(ImageSource source, Descriptor config) {
        if (config.size() > MAX_CONFIG) {
            throw new FerryException(source.describe() + ": the image config " + config.digest() + " is larger than an image config can be",
                    "check the image");
        }
        try (InputStream in = new CheckedBlobStream(source.blob(config, 0), config)) {
            Map<String, YamlNode> c = Yaml.parseJson(new String(in.readAllBytes(), StandardCharsets.UTF_8), config.digest().toString()).map("a config");
            return new Platform(YamlNode.optString(c, "os").orElse(""), YamlNode.optString(c, "architecture").orElse(""), YamlNode.optString(c, "variant"));
        } catch (CheckedBlobStream.BlobMismatch e) {
            throw new HashMismatch(source.describe() + " blob " + config.digest(), config.digest().algorithm(), config.digest().hex(), e.actual(), "");
        } catch (IOException e) {
            throw new FerryException("cannot read the image config " + config.digest() + " from " + source.describe() + ": " + e.getMessage(),
                    "run again");
        }
    }
}
