package dev.ferry.registry.ecr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.progress.Progress;
import dev.ferry.registry.RegistryAccess;
import dev.ferry.registry.auth.CredentialStore;
import dev.ferry.registry.client.RegistryEndpoint;
import dev.ferry.registry.client.UploadStyle;
import dev.ferry.registry.copy.CopyOptions;
import dev.ferry.registry.copy.CopyReport;
import dev.ferry.registry.copy.ImageResult.Status;
import dev.ferry.registry.ref.ImageMapping;
import dev.ferry.registry.ref.ImageNaming;
import dev.ferry.registry.ref.ImageRequest;
import dev.ferry.registry.ref.RegistryTarget;
import dev.ferry.registry.ref.TargetNames;
import dev.ferry.registry.support.FakeEcr;
import dev.ferry.registry.support.Registries;
import dev.ferry.registry.support.RegistryProxy;
import dev.ferry.registry.support.Skopeo;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * Copies into "ECR in cn-north-1": the ECR API is a stateful fake reached by the real SDK client, the OCI part
 * a real registry behind a front that acts as ECR does (repositories must be created, Basic {@code AWS:<token>}
 * with live tokens only, 201 on PATCH).
 */
class EcrCopyTest {
    static final String HOST = "123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn";
    @RegisterExtension
    static final Registries reg = new Registries();

    /** A clock the test moves forward, to see 12-hour tokens grow old in a second. */
    static final class TestClock extends Clock {
        private volatile Duration ahead = Duration.ZERO;

        void advance(Duration d) {
            ahead = ahead.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return java.time.Instant.now().plus(ahead);
        }
    }

    private static Ecr ecr(FakeEcr fake, Clock clock) {
        return new Ecr(region -> EcrClient.builder().region(region.sdk()).endpointOverride(fake.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret"))).build(),
                Duration.ofHours(1), clock);
    }

    private static RegistryAccess access(Ecr ecr, RegistryProxy front, UploadStyle uploads) {
        RegistryAccess.Settings s = reg.settings(reg.upstream.url(), CredentialStore.NONE);
        return new RegistryAccess(reg.http, new RegistryAccess.Settings(s.credentials(), s.mirrors(),
                Map.of("registry.k8s.io", RegistryEndpoint.parse("http://127.0.0.1:1"), HOST, RegistryEndpoint.parse(front.url())),
                uploads, s.retry(), Optional.of(ecr)), Clock.systemUTC());
    }

    private static RegistryProxy front(FakeEcr fake) throws Exception {
        return RegistryProxy.start(reg.target.url()).basicAuth(fake::valid,
                "Basic realm=\"https://" + HOST + "/\",service=\"ecr.amazonaws.com\"").ecr(fake::exists);
    }

    @Test
    void repositoriesAreCreatedFirstAndTokensRenewedBeforeTheyExpire() throws Exception {
        TestClock clock = new TestClock();
        try (FakeEcr fake = FakeEcr.start(Duration.ofHours(12), clock); RegistryProxy front = front(fake); Ecr ecr = ecr(fake, clock)) {
            RegistryTarget target = RegistryTarget.parse(HOST + "/kops");
            List<ImageMapping> images = TargetNames.map(List.of(ImageRequest.of(Registries.OCI), ImageRequest.of(Registries.DOCKER)),
                    target, ImageNaming.REGISTRY);
            CopyReport first = access(ecr, front, UploadStyle.MONOLITHIC).copy(images, target, CopyOptions.defaults(4), false, Progress.none());
            assertEquals(2, first.count(Status.COPIED), first.summary());
            assertEquals(Set.of("kops/team-oci-app", "kops/team-docker-app"), fake.repositories());
            assertTrue(fake.policies().isEmpty(), "no policy unless asked");
            assertEquals(reg.oci.digest(), Skopeo.digest("docker://" + reg.target.host() + "/kops/team-oci-app:1.0"));
            assertEquals(reg.docker.digest(), Skopeo.digest("docker://" + reg.target.host() + "/kops/team-docker-app:1.0"));
            assertTrue(front.requests().stream().filter(r -> r.path().startsWith("/v2/kops/")).allMatch(r -> r.authorization().startsWith("Basic ")));

            assertEquals(1, fake.tokensIssued(), "one token serves the run");

            clock.advance(Duration.ofMinutes(11 * 60 + 30)); // 30 minutes left: less than the hour Ferry keeps in hand
            CopyReport again = access(ecr, front, UploadStyle.MONOLITHIC).copy(images, target, CopyOptions.defaults(4), false, Progress.none());
            assertEquals(2, again.count(Status.PRESENT), again.summary());
            assertEquals(2, fake.tokensIssued(), "the old token was replaced before it ran out");

            clock.advance(Duration.ofHours(13)); // past the second token's end: the front refuses it, Ferry has a new one
            assertEquals(2, access(ecr, front, UploadStyle.MONOLITHIC).copy(images, target, CopyOptions.defaults(4), false, Progress.none())
                    .count(Status.PRESENT));
            assertEquals(3, fake.tokensIssued());
            assertEquals(2, fake.calls().stream().filter(c -> c.equals("CreateRepository")).count(), "each repository created once");
        }
    }

    @Test
    void aStreamedUploadCopesWithEcrPatchAnswersAndPublicReadSetsThePolicy() throws Exception {
        try (FakeEcr fake = FakeEcr.start(Duration.ofHours(12), Clock.systemUTC()); RegistryProxy front = front(fake); Ecr ecr = ecr(fake, Clock.systemUTC())) {
            RegistryTarget target = RegistryTarget.parse(HOST + "/streamed");
            List<ImageMapping> images = TargetNames.map(List.of(ImageRequest.of(Registries.DOCKER)), target, ImageNaming.PROXY);
            CopyReport r = access(ecr, front, UploadStyle.STREAMED).copy(images, target, CopyOptions.defaults(2), true, Progress.none());
            assertEquals(1, r.count(Status.COPIED), r.summary());
            assertTrue(front.count("PATCH", "/blobs/uploads/") > 0);
            assertEquals(reg.docker.digest(), Skopeo.digest("docker://" + reg.target.host() + "/streamed/team/docker-app:1.0"));
            String policy = fake.policies().get("streamed/team/docker-app");
            assertTrue(policy != null && policy.contains("\"Principal\":\"*\"") && policy.contains("ecr:BatchGetImage"), String.valueOf(policy));
            assertEquals(1, fake.tokensIssued(), "one 12-hour token serves the run");
        }
    }
}
