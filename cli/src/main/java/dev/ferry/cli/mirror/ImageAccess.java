package dev.ferry.cli.mirror;

import dev.ferry.aws.AwsRegion;
import dev.ferry.http.HttpClient;
import dev.ferry.mirror.asset.SourceMirror;
import dev.ferry.registry.RegistryAccess;
import dev.ferry.registry.RegistryMirror;
import dev.ferry.registry.auth.CredentialStore;
import dev.ferry.registry.auth.DockerConfig;
import dev.ferry.registry.ecr.Ecr;
import dev.ferry.registry.ecr.EcrHost;
import dev.ferry.registry.ref.RegistryTarget;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registries of one run, reached as the flags say: the proxy and read timeout of the downloads, the source
 * mirrors ({@code --source-mirror} is one flag for files and images), Docker's config.json, and ECR with the
 * profile of each partition. Anonymous: no credentials at all, as containerd pulls the sandbox image.
 */
final class ImageAccess implements AutoCloseable {
    private final HttpClient http;
    private final Optional<Ecr> ecr;
    private final RegistryAccess registry;

    private ImageAccess(HttpClient http, Optional<Ecr> ecr, RegistryAccess registry) {
        this.http = http;
        this.ecr = ecr;
        this.registry = registry;
    }

    /**
     * @param target        the ECR target whose region gets {@code targetProfile}, if it is one
     * @param targetProfile {@code --profile}; every other region gets {@code --source-profile}, else this
     */
    static ImageAccess open(RegistryAccessOptions options, DownloadOptions download, List<SourceMirror> mirrors, Optional<RegistryTarget> target,
                            Optional<String> targetProfile, int jobs, Map<String, String> env, boolean anonymous) {
        HttpClient http = new HttpClient(HttpClient.Settings.fromEnvironment(Optional.ofNullable(download.proxy), env)
                .withTimeouts(java.time.Duration.ofSeconds(10), download.timeout).withConnections(Math.max(8, jobs)));
        Optional<AwsRegion> targetRegion = target.filter(RegistryTarget.Remote.class::isInstance)
                .flatMap(t -> EcrHost.parse(((RegistryTarget.Remote) t).host())).map(EcrHost::region);
        Optional<Ecr> ecr = anonymous ? Optional.empty() : Optional.of(Ecr.connect(region -> targetRegion.equals(Optional.of(region))
                ? targetProfile : options.sourceProfile().or(() -> targetProfile), options.ecrEndpoint()));
        CredentialStore credentials = anonymous ? CredentialStore.NONE : DockerConfig.load(DockerConfig.defaultPath(env));
        RegistryAccess.Settings settings = RegistryAccess.Settings.of(credentials, ecr)
                .withMirrors(mirrors.stream().map(m -> new RegistryMirror(m.prefix(), m.base())).toList())
                .withEndpoints(options.endpoints());
        return new ImageAccess(http, ecr, new RegistryAccess(http, settings, Clock.systemUTC()));
    }

    RegistryAccess registry() {
        return registry;
    }

    @Override
    public void close() {
        ecr.ifPresent(Ecr::close);
        http.close();
    }
}
