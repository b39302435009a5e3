package dev.ferry.registry.ecr;

import dev.ferry.aws.AwsRegion;
import dev.ferry.error.TargetRefused;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.RepositoryAlreadyExistsException;

/**
 * ECR repositories for the images: ECR refuses a push into a repository that does not exist
 * ({@code NAME_UNKNOWN}), so each is created first ({@code CreateRepository}; one that exists is fine),
 * and, when asked, opened to pulls by any AWS account with a repository policy.
 */
public final class EcrRepositories {
    /**
     * Pulls by any principal. ECR still wants a token from {@code GetAuthorizationToken} for every pull, so this
     * opens the repository to every AWS account, not to anonymous clients.
     */
    static final String PUBLIC_PULL_POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"FerryPullByAnyAccount\","
            + "\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":[\"ecr:BatchCheckLayerAvailability\",\"ecr:BatchGetImage\","
            + "\"ecr:GetDownloadUrlForLayer\"]}]}";

    private final Function<AwsRegion, EcrClient> clients;
    private final Set<String> ready = ConcurrentHashMap.newKeySet();

    public EcrRepositories(Function<AwsRegion, EcrClient> clients) {
        this.clients = clients;
    }

    /** Creates {@code repository} in {@code host}'s registry unless it exists; then applies the pull policy when asked. */
    public void ensure(EcrHost host, String repository, boolean publicPull) {
        if (!ready.add(host + "/" + repository)) {
            return;
        }
        EcrClient ecr = clients.apply(host.region());
        try {
            ecr.createRepository(b -> b.registryId(host.account()).repositoryName(repository));
        } catch (RepositoryAlreadyExistsException exists) {
            // created by an earlier run or by hand
        } catch (SdkException e) {
            ready.remove(host + "/" + repository);
            throw new TargetRefused(host + "/" + repository, "cannot create the ECR repository " + repository + " in " + host + ": " + e.getMessage(),
                    "the AWS credentials need ecr:CreateRepository in " + host.region() + " (or create the repository yourself)", e);
        }
        if (publicPull) {
            try {
                ecr.setRepositoryPolicy(b -> b.registryId(host.account()).repositoryName(repository).policyText(PUBLIC_PULL_POLICY));
            } catch (SdkException e) {
                throw new TargetRefused(host + "/" + repository, "cannot set the pull policy of " + repository + " in " + host + ": " + e.getMessage(),
                        "the AWS credentials need ecr:SetRepositoryPolicy", e);
            }
        }
    }
}
