package dev.ferry.registry.support;

import dev.ferry.http.HttpClient;
import dev.ferry.registry.RegistryAccess;
import dev.ferry.registry.RegistryMirror;
import dev.ferry.registry.auth.CredentialStore;
import dev.ferry.registry.client.RegistryEndpoint;
import dev.ferry.registry.support.TestImages.TestImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Two real registries, "upstream" and "target", and two test images loaded into upstream with skopeo: an OCI
 * index ({@code team/oci-app:1.0}, one 6 MiB layer so blobs stream) and a Docker manifest list
 * ({@code team/docker-app:1.0}). Images are named as if they lived at {@code registry.k8s.io}: a source mirror
 * sends reads to upstream, and the real host is redirected to a closed local port so no test leaves the machine.
 */
public final class Registries implements BeforeAllCallback, AfterAllCallback {
    public static final String OCI = "registry.k8s.io/team/oci-app:1.0";
    public static final String DOCKER = "registry.k8s.io/team/docker-app:1.0";

    // set once before a test class's first test: a JUnit extension, registered as a static field of the class
    public DockerRegistry upstream;
    public DockerRegistry target;
    public TestImage oci;
    public TestImage docker;
    public final HttpClient http = new HttpClient(HttpClient.Settings.fromEnvironment(Optional.empty(), Map.of()));
    private Path dir;

    /** Starts both registries and loads the images (the class is skipped, saying why, without docker-registry or skopeo). */
    @Override
    public void beforeAll(ExtensionContext context) throws IOException, InterruptedException {
        DockerRegistry.assumeInstalled();
        Skopeo.assumeInstalled();
        dir = Files.createTempDirectory("ferry-registries");
        oci = TestImages.generate(dir.resolve("img-oci"), false, 1, new int[] {200_000, 30_000, 6 << 20}, new int[] {150_000, 20_000});
        docker = TestImages.generate(dir.resolve("img-docker"), true, 2, new int[] {100_000, 10_000}, new int[] {80_000});
        upstream = DockerRegistry.start(dir.resolve("upstream"));
        target = DockerRegistry.start(dir.resolve("target"));
        load(oci, "team/oci-app:1.0");
        load(docker, "team/docker-app:1.0");
    }

    /** A folder of the test class's own, removed after it. */
    public Path dir() {
        return dir;
    }

    /** Pushes a generated image into upstream as {@code repoAndTag}, digests preserved. */
    public void load(TestImage image, String repoAndTag) throws IOException, InterruptedException {
        Skopeo.copy("oci:" + image.layout(), "docker://" + upstream.host() + "/" + repoAndTag);
    }

    /** The mirror that sends registry.k8s.io reads to {@code base} (upstream, or a proxy in front of it). */
    public static RegistryMirror mirrorTo(String base) {
        return RegistryMirror.parse("https://registry.k8s.io=" + base);
    }

    /** Access through a source mirror to {@code base}, with registry.k8s.io itself redirected to a closed port. */
    public RegistryAccess access(String base, CredentialStore credentials) {
        return new RegistryAccess(http, settings(base, credentials), Clock.systemUTC());
    }

    public RegistryAccess.Settings settings(String base, CredentialStore credentials) {
        return RegistryAccess.Settings.of(credentials, Optional.empty()).withMirrors(List.of(mirrorTo(base)))
                .withEndpoints(Map.of("registry.k8s.io", RegistryEndpoint.parse("http://127.0.0.1:1")));
    }

    public RegistryAccess access() {
        return access(upstream.url(), CredentialStore.NONE);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (upstream != null) {
            upstream.close();
        }
        if (target != null) {
            target.close();
        }
        http.close();
        if (dir != null) {
            try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
