package dev.ferry.registry.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.error.BadInput;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerConfigTest {
    @TempDir
    Path dir;

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsAuthsAsDockerLoginWritesThem() throws Exception {
        Path f = dir.resolve("config.json");
        Files.writeString(f, "{\n\t\"auths\": {\n\t\t"
                + "\"https://index.docker.io/v1/\": {\"auth\": \"" + b64("hubuser:hubpass") + "\"},"
                + "\"harbor.example.cn\": {\"auth\": \"" + b64("robot$ferry:p:w") + "\"},"
                + "\"localhost:5000\": {\"username\": \"u\", \"password\": \"p\"}},"
                + "\"credHelpers\": {\"123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn\": \"ecr-login\"}}");
        DockerConfig c = DockerConfig.load(f);
        assertEquals(Optional.of(new Credential("hubuser", "hubpass")), c.find("docker.io"));
        assertEquals(Optional.of(new Credential("hubuser", "hubpass")), c.find("registry-1.docker.io"));
        assertEquals(Optional.of(new Credential("robot$ferry", "p:w")), c.find("harbor.example.cn"));
        assertEquals(Optional.of(new Credential("u", "p")), c.find("localhost:5000"));
        assertFalse(c.find("quay.io").isPresent());
        assertEquals(Optional.of("ecr-login"), c.helperFor("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn"));
        assertFalse(new Credential("u", "secret").toString().contains("secret"));
    }

    @Test
    void aMissingFileHasNoCredentialsAndABrokenOneIsRefused() throws Exception {
        assertTrue(DockerConfig.load(dir.resolve("absent.json")).find("docker.io").isEmpty());
        Path f = dir.resolve("bad.json");
        Files.writeString(f, "{\"auths\": {\"x.io\": {\"auth\": \"%%%\"}}}");
        assertThrows(BadInput.class, () -> DockerConfig.load(f));
        assertEquals(Path.of("/etc/d/config.json"), DockerConfig.defaultPath(Map.of("DOCKER_CONFIG", "/etc/d")));
    }
}
