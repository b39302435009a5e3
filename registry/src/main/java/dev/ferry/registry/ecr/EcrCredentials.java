package dev.ferry.registry.ecr;

import dev.ferry.aws.AwsRegion;
import dev.ferry.error.FerryException;
import dev.ferry.registry.auth.Credential;
import dev.ferry.registry.auth.CredentialStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;

/**
 * Registry credentials for ECR hosts from {@code ecr:GetAuthorizationToken}: Basic {@code AWS:<token>}, one
 * per region, valid 12 hours and fetched again well before it runs out, so a long copy never sends a dead
 * token. Uses the AWS credentials of the host's partition (China credentials for {@code .amazonaws.com.cn}).
 */
public final class EcrCredentials implements CredentialStore {
    private final Function<AwsRegion, EcrClient> clients;
    private final Duration refreshBefore;
    private final Clock clock;
    private final Map<AwsRegion, Token> tokens = new ConcurrentHashMap<>();

    private record Token(Credential credential, Instant expires) {}

    /**
     * @param refreshBefore a token with less than this left is replaced (an hour is plenty for 12-hour tokens)
     */
    public EcrCredentials(Function<AwsRegion, EcrClient> clients, Duration refreshBefore, Clock clock) {
        this.clients = clients;
        this.refreshBefore = refreshBefore;
        this.clock = clock;
    }

    @Override
    public Optional<Credential> find(String host) {
        Optional<EcrHost> ecr = EcrHost.parse(host.replaceFirst(":443$", ""));
        if (ecr.isEmpty()) {
            return Optional.empty();
        }
        AwsRegion region = ecr.get().region();
        Token t = tokens.compute(region, (r, old) -> old != null && clock.instant().plus(refreshBefore).isBefore(old.expires()) ? old : fetch(ecr.get()));
        return Optional.of(t.credential());
    }

    private Token fetch(EcrHost host) {
        try {
            AuthorizationData data = clients.apply(host.region()).getAuthorizationToken(b -> {}).authorizationData().stream().findFirst()
                    .orElseThrow(() -> new FerryException("ECR in " + host.region() + " answered GetAuthorizationToken without a token", null));
            String decoded = new String(Base64.getDecoder().decode(data.authorizationToken()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw new FerryException("ECR in " + host.region() + " answered GetAuthorizationToken with a token that is not user:password", null);
            }
            Instant expires = data.expiresAt() != null ? data.expiresAt() : clock.instant().plus(Duration.ofHours(12));
            return new Token(new Credential(decoded.substring(0, colon), decoded.substring(colon + 1)), expires);
        } catch (SdkException | IllegalArgumentException e) {
            throw new FerryException("cannot get an ECR login token for " + host + ": " + e.getMessage(),
                    "give AWS credentials of the " + host.region().partition() + " partition that may call ecr:GetAuthorizationToken "
                            + "(AWS_PROFILE, --profile, or an instance role)");
        }
    }
}
