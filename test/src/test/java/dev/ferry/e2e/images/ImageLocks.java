package dev.ferry.e2e.images;

import dev.ferry.e2e.support.Cli;
import dev.ferry.mirror.layout.Layout;
import dev.ferry.mirror.lock.Lock;
import dev.ferry.mirror.lock.LockFile;
import dev.ferry.mirror.lock.LockedImage;
import dev.ferry.registry.support.Registries;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Locks of images and the command line around them, for the image tests: every read of registry.k8s.io goes to the
 * upstream test registry (a source mirror) and the real host is a closed local port, so no test leaves the machine.
 */
final class ImageLocks {
    private ImageLocks() {}

    /** A lock of these images (no files), each pinned to the digest given, or unpinned for "". */
    static Path write(Path file, String... referenceThenDigest) {
        List<LockedImage> images = new ArrayList<>();
        for (int i = 0; i < referenceThenDigest.length; i += 2) {
            String digest = referenceThenDigest[i + 1];
            images.add(LockedImage.of(referenceThenDigest[i], "extra", "--image").withDigest(digest.isEmpty() ? Optional.empty() : Optional.of(digest)));
        }
        LockFile.write(new Lock("ferry test", Layout.KOPS, List.of(), List.of(), images), file);
        return file;
    }

    /** The flags that send registry.k8s.io reads to the upstream test registry, and nowhere else. */
    static List<String> sourceFlags(Registries reg) {
        return List.of("--source-mirror", "https://registry.k8s.io=" + reg.upstream.url(), "--registry-endpoint", "registry.k8s.io=http://127.0.0.1:1");
    }

    /** {@code ferry mirror ARGS…}, with a Docker config in {@code dockerConfig} (none there: no credentials) and no proxy. */
    static Cli.Result mirror(Path dockerConfig, List<String> args) {
        List<String> all = new ArrayList<>(List.of("mirror"));
        all.addAll(args);
        return Cli.run(Map.of("DOCKER_CONFIG", dockerConfig.toString()), all);
    }

    /** {@code ferry mirror ARGS… SOURCE-FLAGS…}: a command that reads images from upstream. */
    static Cli.Result reading(Registries reg, Path dockerConfig, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(sourceFlags(reg));
        return mirror(dockerConfig, all);
    }
}
