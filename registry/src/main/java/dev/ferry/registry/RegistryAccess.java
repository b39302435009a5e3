package dev.ferry.registry;

import dev.ferry.concurrent.ParallelMap;
import dev.ferry.error.FerryException;
import dev.ferry.http.HttpClient;
import dev.ferry.progress.Progress;
import dev.ferry.registry.auth.CredentialStore;
import dev.ferry.registry.client.RegistryClient;
import dev.ferry.registry.client.RegistryEndpoint;
import dev.ferry.registry.client.Role;
import dev.ferry.registry.client.UploadStyle;
import dev.ferry.registry.copy.CopyJob;
import dev.ferry.registry.copy.CopyOptions;
import dev.ferry.registry.copy.CopyReport;
import dev.ferry.registry.copy.ImageCopy;
import dev.ferry.registry.ecr.Ecr;
import dev.ferry.registry.ecr.EcrHost;
import dev.ferry.registry.layout.OciLayout;
import dev.ferry.registry.ref.ImageMapping;
import dev.ferry.registry.ref.ImageReference;
import dev.ferry.registry.ref.RegistryTarget;
import dev.ferry.registry.store.FallbackSource;
import dev.ferry.registry.store.ImageSource;
import dev.ferry.registry.store.ImageTarget;
import dev.ferry.registry.store.RememberedManifests;
import dev.ferry.retry.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How a run reaches registries: the one HTTP client, credentials (ECR tokens for ECR hosts, then Docker's
 * config.json), source mirrors, and hosts whose API answers elsewhere. Turns {@link ImageMapping}s into
 * copy jobs and runs them; the CLI's {@code sync --registry} and the air-gap push are built on it.
 */
public final class RegistryAccess {
    /**
     * @param credentials credentials by registry host (Docker's config.json, usually)
     * @param mirrors     source mirrors, tried before upstream
     * @param endpoints   registries whose API answers at another URL (host → {@code http(s)://host:port});
     *                    credentials are still looked up by the registry's own name
     * @param uploads     how blobs are sent
     * @param retry       attempts for small calls (manifests, HEADs, mounts)
     * @param ecr         the ECR API, for ECR sources and targets
     */
    public record Settings(CredentialStore credentials, List<RegistryMirror> mirrors, Map<String, RegistryEndpoint> endpoints,
                           UploadStyle uploads, RetryPolicy retry, Optional<Ecr> ecr) {
        public Settings {
            mirrors = List.copyOf(mirrors);
            endpoints = Map.copyOf(endpoints);
        }

        /** No mirrors or redirected hosts, monolithic uploads, 3 retries of small calls, and the given credentials and ECR. */
        public static Settings of(CredentialStore credentials, Optional<Ecr> ecr) {
            return new Settings(credentials, List.of(), Map.of(), UploadStyle.MONOLITHIC,
                    RetryPolicy.exponential(3, Duration.ofMillis(500), Duration.ofSeconds(10)), ecr);
        }

        public Settings withMirrors(List<RegistryMirror> m) {
            return new Settings(credentials, m, endpoints, uploads, retry, ecr);
        }

        public Settings withEndpoints(Map<String, RegistryEndpoint> e) {
            return new Settings(credentials, mirrors, e, uploads, retry, ecr);
        }

        public Settings withUploads(UploadStyle u) {
            return new Settings(credentials, mirrors, endpoints, u, retry, ecr);
        }
    }

    private final HttpClient http;
    private final Settings settings;
    private final CredentialStore credentials;
    private final Clock clock;
    private final Map<String, RegistryClient> clients = new ConcurrentHashMap<>();
    private final Map<String, OciLayout> layouts = new ConcurrentHashMap<>();
    private final RememberedManifests manifests = new RememberedManifests();

    public RegistryAccess(HttpClient http, Settings settings, Clock clock) {
        this.http = http;
        this.settings = settings;
        this.clock = clock;
        List<CredentialStore> stores = new ArrayList<>();
        settings.ecr().ifPresent(e -> stores.add(e.credentials()));
        stores.add(settings.credentials());
        this.credentials = CredentialStore.firstOf(stores);
    }

    /** The client of the registry {@code name} (as images write it), reached over http when {@code plainHttp}. */
    public RegistryClient client(String name, boolean plainHttp) {
        RegistryEndpoint endpoint = Optional.ofNullable(settings.endpoints().get(name)).orElseGet(() -> RegistryEndpoint.of(name, plainHttp));
        return clients.computeIfAbsent(name + " " + endpoint, k -> new RegistryClient(name, endpoint, http, credentials, settings.retry(),
                settings.uploads(), clock));
    }

    /**
     * Where {@code image} is read: each source mirror that covers it, then upstream. Manifests this access read
     * before are not read again by digest (the first sync pins an image, then copies it).
     */
    public ImageSource source(ImageReference image) {
        List<ImageSource> sources = new ArrayList<>();
        for (RegistryMirror m : settings.mirrors()) {
            m.apply(image).ifPresent(l -> sources.add(client(l.endpoint().host(), l.endpoint().scheme().equals("http"))
                    .repository(l.repository(), Role.SOURCE)));
        }
        sources.add(client(image.registry(), false).repository(image.repository(), Role.SOURCE));
        ImageSource source = sources.size() == 1 ? sources.get(0) : new FallbackSource(sources);
        return manifests.around(source, image.registry() + "/" + image.repository());
    }

    /** Where {@code image} is written in {@code target}. */
    public ImageTarget target(RegistryTarget target, ImageMapping image) {
        if (target instanceof RegistryTarget.Layout l) {
            return layouts.computeIfAbsent(l.dir().toAbsolutePath().toString(), d -> OciLayout.create(l.dir()));
        }
        RegistryTarget.Remote r = (RegistryTarget.Remote) target;
        return client(r.host(), r.plainHttp()).repository(image.targetReference().repository(), Role.TARGET);
    }

    /**
     * Makes the target ready before anything is copied: a registry must answer its API (and accept the
     * credentials); an ECR registry gets every repository created (and opened to pulls by any AWS account
     * when {@code ecrPublicRead}); a layout folder is created.
     */
    public void prepare(RegistryTarget target, List<ImageMapping> images, boolean ecrPublicRead, Progress progress) {
        if (target instanceof RegistryTarget.Layout l) {
            layouts.computeIfAbsent(l.dir().toAbsolutePath().toString(), d -> OciLayout.create(l.dir()));
            return;
        }
        RegistryTarget.Remote r = (RegistryTarget.Remote) target;
        Optional<EcrHost> ecr = EcrHost.parse(r.host());
        if (ecr.isPresent()) {
            Ecr api = settings.ecr().orElseThrow(() -> FerryException.badInput(r.host() + " is an ECR registry, but no ECR access was set up",
                    "give AWS credentials for " + ecr.get().region()));
            Set<String> repositories = new LinkedHashSet<>();
            images.forEach(m -> repositories.add(m.targetReference().repository()));
            progress.info("creating " + repositories.size() + " ECR repositories in " + ecr.get() + " where missing");
            new ParallelMap(4, "ecr-repositories").forEach(repositories.iterator(), repo -> api.repositories().ensure(ecr.get(), repo, ecrPublicRead));
        }
        client(r.host(), r.plainHttp()).ping(Role.TARGET);
    }

    /** One copy job per image: read from its sources, written under its target name. */
    public List<CopyJob> jobs(List<ImageMapping> images, RegistryTarget target) {
        List<CopyJob> jobs = new ArrayList<>();
        for (ImageMapping m : images) {
            jobs.add(new CopyJob(m.canonical(), source(m.source()), m.source().reference(), m.pinned(), target(target, m), tag(m, target)));
        }
        return jobs;
    }

    /**
     * One copy job per image read from an OCI layout (the far side of an air gap), where each image is listed
     * under its canonical name.
     */
    public List<CopyJob> jobsFromLayout(OciLayout layout, List<ImageMapping> images, RegistryTarget target) {
        List<CopyJob> jobs = new ArrayList<>();
        for (ImageMapping m : images) {
            jobs.add(new CopyJob(m.canonical(), layout, m.canonical(), m.pinned(), target(target, m), tag(m, target)));
        }
        return jobs;
    }

    /** What the top manifest is stored under: the target tag, or in a layout the canonical name. */
    private static Optional<String> tag(ImageMapping m, RegistryTarget target) {
        return target instanceof RegistryTarget.Layout ? Optional.of(m.target()) : m.targetReference().tag();
    }

    /** Prepares the target and copies every image into it. */
    public CopyReport copy(List<ImageMapping> images, RegistryTarget target, CopyOptions options, boolean ecrPublicRead, Progress progress) {
        prepare(target, images, ecrPublicRead, progress);
        return new ImageCopy(options).run(jobs(images, target), progress);
    }
}
