package dev.ferry.registry.support;

import dev.ferry.http.HttpClient;
import dev.ferry.registry.RegistryAccess;
import dev.ferry.registry.RegistryMirror;
import dev.ferry.registry.auth.CredentialStore;
import dev.ferry.registry.client.RegistryEndpoint;
import dev.ferry.registry.support.TestImages.TestImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Two real registries, "upstream" and "target", and two test images loaded into upstream with skopeo: an OCI
 * index ({@code team/oci-app:1.0}, one 6 MiB layer so blobs stream) and a Docker manifest list
 * ({@code team/docker-app:1.0}). Images are named as if they lived at {@code registry.k8s.io}: a source mirror
 * sends reads to upstream, and the real host is redirected to a closed local port so no test leaves the machine.
 */
public final class Registries implements AutoCloseable {
    public static final String OCI = "registry.k8s.io/team/oci-app:1.0";
    public static final String DOCKER = "registry.k8s.io/team/docker-app:1.0";

    public final DockerRegistry upstream;
    public final DockerRegistry target;
    public final TestImage oci;
    public final TestImage docker;
    public final HttpClient http = new HttpClient(HttpClient.Settings.fromEnvironment(Optional.empty(), Map.of()));

    private Registries(DockerRegistry upstream, DockerRegistry target, TestImage oci, TestImage docker) {
        this.upstream = upstream;
        this.target = target;
        this.oci = oci;
        this.docker = docker;
    }

    public static Registries start(Path dir) throws IOException, InterruptedException {
        DockerRegistry.assumeInstalled();
        Skopeo.assumeInstalled();
        TestImage oci = TestImages.generate(dir.resolve("img-oci"), false, 1, new int[] {200_000, 30_000, 6 << 20}, new int[] {150_000, 20_000});
        TestImage docker = TestImages.generate(dir.resolve("img-docker"), true, 2, new int[] {100_000, 10_000}, new int[] {80_000});
        DockerRegistry up = DockerRegistry.start(dir.resolve("upstream"));
        DockerRegistry to = DockerRegistry.start(dir.resolve("target"));
        Registries r = new Registries(up, to, oci, docker);
        r.load(oci, "team/oci-app:1.0");
        r.load(docker, "team/docker-app:1.0");
        return r;
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
    public void close() {
        upstream.close();
        target.close();
        http.close();
    }
}
