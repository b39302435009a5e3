package dev.ferry.e2e.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.e2e.support.Cli;
import dev.ferry.format.Yaml;
import dev.ferry.registry.auth.Credential;
import dev.ferry.registry.support.Registries;
import dev.ferry.registry.support.RegistryProxy;
import dev.ferry.registry.support.Skopeo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ferry mirror verify --registry} through the CLI against a real registry: a clean copy passes; a missing
 * image, a name on another digest, a platform's manifest gone and a blob gone are each found, with a fix that works.
 */
class VerifyRegistryTest {
    @RegisterExtension
    static final Registries reg = new Registries();

    @TempDir
    Path tmp;

    private Path lock(String name, String... more) {
        List<String> images = new ArrayList<>(List.of(Registries.OCI, reg.oci.digest().toString(), Registries.DOCKER, reg.docker.digest().toString()));
        images.addAll(List.of(more));
        return ImageLocks.write(tmp.resolve(name), images.toArray(String[]::new));
    }

    private Cli.Result sync(Path lock, String registry, String... more) {
        List<String> args = new ArrayList<>(List.of("sync", "--lock", lock.toString(), "--registry", registry));
        args.addAll(List.of(more));
        return ImageLocks.reading(reg, tmp, args.toArray(String[]::new));
    }

    private Cli.Result verify(Path lock, String registry, String... more) {
        List<String> args = new ArrayList<>(List.of("verify", "--lock", lock.toString(), "--registry", registry));
        args.addAll(List.of(more));
        return ImageLocks.mirror(tmp, args);
    }

    /** A DELETE the registry's API allows (storage.delete is on): a manifest by digest, or a blob of one repository. */
    private static void delete(String path) throws Exception {
        HttpResponse<Void> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(reg.target.url() + "/v2/" + path)).DELETE().build(),
                HttpResponse.BodyHandlers.discarding());
        assertEquals(202, r.statusCode(), "DELETE " + path);
    }

    @Test
    void aCleanRegistryPassesAndEachDamageIsFoundWithAFixThatWorks() throws Exception {
        Path lock = lock("ferry.lock");
        String clean = "http://" + reg.target.host() + "/clean";
        assertEquals(0, sync(lock, clean).exit());
        Cli.Result ok = verify(lock, clean);
        assertEquals(0, ok.exit(), ok.toString());
        assertTrue(ok.out().contains("Checked 2 images in " + clean + " (proxy naming, 12 blobs looked up)"), ok.out());
        assertTrue(ok.out().contains("No problems: the 2 images are ready for kOps."), ok.out());

        String damaged = "http://" + reg.target.host() + "/damaged";
        assertEquals(0, sync(lock, damaged).exit());
        delete("damaged/team/oci-app/manifests/" + reg.oci.children().get(1));
        delete("damaged/team/docker-app/blobs/" + reg.docker.blobs().get(0).digest());
        Skopeo.copy("oci:" + reg.docker.layout(), "docker://" + reg.target.host() + "/damaged/team/retagged:1.0");
        Path more = lock("more.lock", "registry.k8s.io/team/retagged:1.0", reg.oci.digest().toString(),
                "registry.k8s.io/team/absent:1.0", reg.oci.digest().toString());
        Cli.Result bad = verify(more, damaged, "--output", "json");
        assertEquals(1, bad.exit(), bad.toString());
        Set<String> found = Yaml.parseJson(bad.out(), "stdout").map("json").get("images").map("images").get("problems").list("problems").stream()
                .map(p -> p.map("p").get("problem").string("problem") + " " + p.map("p").get("key").string("key")).collect(Collectors.toSet());
        String at = reg.target.host() + "/damaged/team/";
        assertEquals(Set.of("missing-platform " + at + "oci-app:1.0", "missing-blob " + at + "docker-app:1.0",
                "wrong-image-digest " + at + "retagged:1.0", "missing-image " + at + "absent:1.0"), found);

        Cli.Result text = verify(more, damaged);
        assertTrue(text.out().contains("4 problems on 4 of 4 images: the registry is NOT ready for kOps."), text.out());
        assertTrue(text.out().contains("the index lists linux/arm64 as " + reg.oci.children().get(1) + ", which is not there"), text.out());
        assertTrue(text.out().contains("missing-blob (" + at + "docker-app:1.0): re-check every blob of the image and send what is missing: "
                + "ferry mirror sync --lock " + more + " --registry " + damaged + " --force"), text.out());

        assertEquals(0, sync(lock, damaged, "--force").exit(), "the fix verify gives");
        Cli.Result repaired = verify(lock, damaged);
        assertEquals(0, repaired.exit(), repaired.toString());
    }

    @Test
    void imagesAreLookedForUnderTheNamesOfTheKopsRuleGiven() {
        Path lock = lock("ferry.lock");
        String flat = "http://" + reg.target.host() + "/flat";
        assertEquals(0, sync(lock, flat, "--image-naming", "registry").exit());
        Cli.Result ok = verify(lock, flat, "--image-naming", "registry");
        assertEquals(0, ok.exit(), ok.toString());
        assertTrue(ok.out().contains("(registry naming, 12 blobs looked up)"), ok.out());

        Cli.Result proxy = verify(lock, flat, "--output", "json");
        assertEquals(1, proxy.exit(), proxy.toString());
        Set<String> missing = Yaml.parseJson(proxy.out(), "stdout").map("json").get("images").map("images").get("problems").list("problems")
                .stream().map(p -> p.map("p").get("problem").string("problem") + " " + p.map("p").get("key").string("key"))
                .collect(Collectors.toSet());
        String at = reg.target.host() + "/flat/team/";
        assertEquals(Set.of("missing-image " + at + "oci-app:1.0", "missing-image " + at + "docker-app:1.0"), missing,
                "kOps with containerProxy would ask for these, and they are not there");
    }

    @Test
    void anonymousPullsAreCheckedWithoutTheCredentialsThatWork() throws Exception {
        Path lock = lock("ferry.lock");
        assertEquals(0, sync(lock, "http://" + reg.target.host() + "/private").exit());
        Credential login = new Credential("ferry", "s3cret");
        try (RegistryProxy front = RegistryProxy.start(reg.target.url()).basicAuth(login.basic()::equals, "Basic realm=\"test\"")) {
            Files.writeString(tmp.resolve("config.json"), "{\"auths\": {\"" + front.host() + "\": {\"auth\": \""
                    + Base64.getEncoder().encodeToString("ferry:s3cret".getBytes(StandardCharsets.UTF_8)) + "\"}}}");
            String registry = "http://" + front.host() + "/private";
            Cli.Result withLogin = verify(lock, registry);
            assertEquals(0, withLogin.exit(), "~/.docker/config.json's login is used: " + withLogin);
            Cli.Result anonymous = verify(lock, registry, "--anonymous");
            assertEquals(1, anonymous.exit(), anonymous.toString());
            assertTrue(anonymous.out().contains("without credentials") && anonymous.out().contains("image-not-anonymously-pullable"), anonymous.out());
            assertTrue(anonymous.out().contains("containerd pulls the sandbox image (pause) without credentials"), anonymous.out());
        }
    }
}
