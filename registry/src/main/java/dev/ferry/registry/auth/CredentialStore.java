package dev.ferry.registry.auth;

import java.util.List;
import java.util.Optional;

/** Where credentials for a registry host come from: Docker's config.json, ECR's GetAuthorizationToken, … */
@FunctionalInterface
public interface CredentialStore {
    CredentialStore NONE = host -> Optional.empty();

    /** The credential for {@code host} ({@code host[:port]}), asked on every use so that expiring ones can refresh. */
    Optional<Credential> find(String host);

    /** The first store that knows the host answers. */
    static CredentialStore firstOf(List<CredentialStore> stores) {
        List<CredentialStore> copy = List.copyOf(stores);
        return host -> {
            for (CredentialStore s : copy) {
                Optional<Credential> c = s.find(host);
                if (c.isPresent()) {
                    return c;
                }
            }
            return Optional.empty();
        };
    }
}
