package dev.ferry.mirror.catalog;

import dev.ferry.error.FerryException;
import dev.ferry.mirror.asset.Arch;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the user asked the catalog for.
 *
 * @param options opt-in groups, see {@link #KNOWN_OPTIONS}
 * @param dns     how the cluster publishes its API name; empty: what kOps's {@code kops create cluster} picks
 */
public record CatalogRequest(Version kops, Optional<Version> kubernetes, List<Arch> arches, Networking networking,
        Set<String> options, Optional<DnsMode> dns) {

    /** Opt-in asset groups a request may name. */
    public static final Set<String> KNOWN_OPTIONS = Set.of("kube-image-tars", "kops-images", "nerdctl", "crictl");

    public CatalogRequest {
        arches = List.copyOf(arches);
        options = Set.copyOf(new TreeSet<>(options));
        if (arches.isEmpty()) {
            throw FerryException.badInput("no architecture selected", "use --arch amd64,arm64");
        }
        for (String o : options) {
            if (!KNOWN_OPTIONS.contains(o)) {
                throw FerryException.badInput("unknown option '" + o + "'", "known: " + String.join(", ", new TreeSet<>(KNOWN_OPTIONS)));
            }
        }
    }

    /** A request that leaves the DNS mode to kOps's default. */
    public CatalogRequest(Version kops, Optional<Version> kubernetes, List<Arch> arches, Networking networking, Set<String> options) {
        this(kops, kubernetes, arches, networking, options, Optional.empty());
    }

    public static CatalogRequest of(String kops, Optional<String> kubernetes) {
        return new CatalogRequest(Version.parse(kops, "kOps version"),
                kubernetes.map(k -> Version.parse(k, "Kubernetes version")),
                List.of(Arch.AMD64, Arch.ARM64), Networking.OTHER, Set.of());
    }
}
