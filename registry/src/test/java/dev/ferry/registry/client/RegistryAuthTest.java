package dev.ferry.registry.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.error.FerryException;
import dev.ferry.error.TargetRefused;
import dev.ferry.progress.Progress;
import dev.ferry.registry.RegistryAccess;
import dev.ferry.registry.auth.Credential;
import dev.ferry.registry.auth.CredentialStore;
import dev.ferry.registry.auth.DockerConfig;
import dev.ferry.registry.copy.CopyOptions;
import dev.ferry.registry.copy.CopyReport;
import dev.ferry.registry.copy.ImageResult.Status;
import dev.ferry.registry.ref.ImageNaming;
import dev.ferry.registry.ref.ImageRequest;
import dev.ferry.registry.ref.RegistryTarget;
import dev.ferry.registry.ref.TargetNames;
import dev.ferry.registry.support.Registries;
import dev.ferry.registry.support.RegistryProxy;
import dev.ferry.registry.support.Skopeo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The token flow, Basic auth, credentials from config.json, redirects to another host and resumed downloads. */
class RegistryAuthTest {
    @RegisterExtension
    static final Registries reg = new Registries();
    static final String USER_BASIC = new Credential("ferry", "s3cret").basic();

    private static CopyReport copy(RegistryAccess access, String target, String image) {
        RegistryTarget t = RegistryTarget.parse(target);
        return access.copy(TargetNames.map(List.of(ImageRequest.of(image)), t, ImageNaming.PROXY), t, CopyOptions.defaults(3), false, Progress.none());
    }

    private static CredentialStore config(String host) throws Exception {
        Path file = Files.createTempFile(reg.dir(), "config", ".json");
        String auth = Base64.getEncoder().encodeToString("ferry:s3cret".getBytes(StandardCharsets.UTF_8));
        Files.writeString(file, "{\"auths\": {\"http://" + host + "/v2/\": {\"auth\": \"" + auth + "\"}}}");
        return DockerConfig.load(file);
    }

    @Test
    void anonymousPullsGetATokenPerScope() throws Exception {
        try (RegistryProxy source = RegistryProxy.start(reg.upstream.url()).bearerAuth(login -> login.isEmpty())) {
            CopyReport r = copy(reg.access(source.url(), CredentialStore.NONE), "http://" + reg.target.host() + "/anon", Registries.DOCKER);
            assertEquals(Status.COPIED, r.images().get(0).status(), r.summary());
            assertTrue(source.tokenRequests().stream().anyMatch(q -> q.contains("scope=repository%3Ateam%2Fdocker-app%3Apull")
                    && q.contains("service=test-registry")), source.tokenRequests().toString());
            assertTrue(source.tokenRequests().size() <= 2, "the token is cached: " + source.tokenRequests());
            assertTrue(source.requests().stream().filter(q -> q.path().contains("/blobs/")).allMatch(q -> q.authorization().startsWith("Bearer tok-")));
        }
    }

    @Test
    void aTokenServerThatWantsALoginGetsTheOneInConfigJson() throws Exception {
        try (RegistryProxy source = RegistryProxy.start(reg.upstream.url()).bearerAuth(USER_BASIC::equals)) {
            CopyReport without = copy(reg.access(source.url(), CredentialStore.NONE), "http://" + reg.target.host() + "/login", Registries.DOCKER);
            FerryException e = without.images().get(0).failure().orElseThrow();
            assertTrue(e.getMessage().contains("refused an anonymous pull"), e.getMessage());
            assertTrue(e.hint().orElseThrow().contains("docker login " + source.host()), e.hint().orElseThrow());

            CopyReport with = copy(reg.access(source.url(), config(source.host())), "http://" + reg.target.host() + "/login", Registries.DOCKER);
            assertEquals(Status.COPIED, with.images().get(0).status(), with.summary());
        }
    }

    @Test
    void aTokenTargetIsAskedForPushAndPullAndTwinBlobsAreMountedUnderOneToken() throws Exception {
        reg.load(reg.docker, "team/docker-twin:1.0");
        try (RegistryProxy target = RegistryProxy.start(reg.target.url()).bearerAuth(USER_BASIC::equals)) {
            RegistryTarget t = RegistryTarget.parse("http://" + target.host() + "/tokens");
            CopyReport r = reg.access(reg.upstream.url(), config(target.host())).copy(TargetNames.map(List.of(ImageRequest.of(Registries.DOCKER),
                    ImageRequest.of("registry.k8s.io/team/docker-twin:1.0")), t, ImageNaming.PROXY), t, CopyOptions.defaults(3), false, Progress.none());
            assertEquals(2, r.count(Status.COPIED), r.summary());
            assertEquals(reg.docker.blobs().size(), r.blobsMounted());
            assertTrue(target.tokenRequests().stream().anyMatch(q -> q.contains("scope=repository%3Atokens%2Fteam%2Fdocker-app%3Apull%2Cpush")),
                    target.tokenRequests().toString());
            assertTrue(target.tokenRequests().stream().anyMatch(q -> q.contains("docker-app%3Apull&") || q.endsWith("docker-app%3Apull")),
                    "a mount asks for pull on the repository it mounts from: " + target.tokenRequests());
            assertEquals(reg.docker.digest(), Skopeo.digest("docker://" + reg.target.host() + "/tokens/team/docker-twin:1.0"));
        }
    }

    @Test
    void aBasicAuthTargetGetsTheConfigCredentialAndRefusesAWrongOne() throws Exception {
        try (RegistryProxy target = RegistryProxy.start(reg.target.url()).basicAuth(USER_BASIC::equals, "Basic realm=\"test\"")) {
            CopyReport ok = copy(reg.access(reg.upstream.url(), config(target.host())), "http://" + target.host() + "/basic", Registries.OCI);
            assertEquals(Status.COPIED, ok.images().get(0).status(), ok.summary());
            assertEquals(reg.oci.digest(), Skopeo.digest("docker://" + reg.target.host() + "/basic/team/oci-app:1.0"));

            RegistryAccess wrong = reg.access(reg.upstream.url(), host -> java.util.Optional.of(new Credential("ferry", "wrong")));
            TargetRefused e = assertThrows(TargetRefused.class, () -> copy(wrong, "http://" + target.host() + "/basic2", Registries.OCI));
            assertTrue(e.getMessage().contains("refused the credential of user ferry"), e.getMessage());
            assertTrue(!e.getMessage().contains("wrong"), "the password never reaches a message");
        }
    }

    @Test
    void authorizationIsDroppedWhenABlobRedirectLeavesTheHost() throws Exception {
        try (RegistryProxy storage = RegistryProxy.start(reg.upstream.url());
             RegistryProxy source = RegistryProxy.start(reg.upstream.url()).basicAuth(USER_BASIC::equals, "Basic realm=\"test\"")
                     .redirectBlobsTo(storage.url())) {
            CopyReport r = copy(reg.access(source.url(), config(source.host())), "http://" + reg.target.host() + "/redirect", Registries.DOCKER);
            assertEquals(Status.COPIED, r.images().get(0).status(), r.summary());
            assertEquals(reg.docker.blobs().size(), storage.count("GET", "/blobs/sha256:"), "every blob came from the other host");
            assertTrue(storage.requests().stream().allMatch(q -> q.authorization().equals("null")), "no credential followed a redirect: " + storage.requests());
            assertTrue(source.requests().stream().anyMatch(q -> q.authorization().equals(USER_BASIC)));
        }
    }

    @Test
    void aBrokenDownloadResumesWhereItBroke() throws Exception {
        try (RegistryProxy source = RegistryProxy.start(reg.upstream.url()).cutBlobsAfter(1 << 20, 1)) {
            CopyReport r = copy(reg.access(source.url(), CredentialStore.NONE), "http://" + reg.target.host() + "/resume", Registries.OCI);
            assertEquals(Status.COPIED, r.images().get(0).status(), r.summary());
            assertTrue(source.requests().stream().anyMatch(q -> q.range().equals("bytes=" + (1 << 20) + "-")), "a Range request picked up at 1 MiB");
            assertEquals(reg.oci.blobs().size(), r.blobsCopied(), "each blob sent once");
            assertEquals(reg.oci.digest(), Skopeo.digest("docker://" + reg.target.host() + "/resume/team/oci-app:1.0"));
        }
    }

    @Test
    void aTargetThatCannotBeReachedFailsBeforeAnythingIsRead() {
        FerryException e = assertThrows(FerryException.class, () -> copy(reg.access(), "http://127.0.0.1:1/x", Registries.OCI));
        assertInstanceOf(dev.ferry.error.Unreachable.class, e);
        assertTrue(e.getMessage().contains("connection refused"), e.getMessage());
    }
}
