package dev.ferry.registry.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.error.FerryException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestTest {
    private static final String A = "sha256:" + "a".repeat(64);
    private static final String B = "sha256:" + "b".repeat(64);

    @Test
    void anIndexKeepsItsBytesAndNamesItsPlatforms() {
        // tab-indented, as some registries serve it: parsed for traversal, never re-serialized
        String json = "{\n\t\"schemaVersion\": 2,\n\t\"mediaType\": \"application/vnd.docker.distribution.manifest.list.v2+json\",\n"
                + "\t\"manifests\": [\n\t\t{\"mediaType\": \"application/vnd.docker.distribution.manifest.v2+json\", \"digest\": \"" + A
                + "\", \"size\": 528, \"platform\": {\"architecture\": \"arm64\", \"os\": \"linux\", \"variant\": \"v8\"}},\n"
                + "\t\t{\"mediaType\": \"application/vnd.docker.distribution.manifest.v2+json\", \"digest\": \"" + B
                + "\", \"size\": 528, \"platform\": {\"architecture\": \"amd64\", \"os\": \"linux\"}}\n\t]\n}";
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        Manifest m = Manifest.of(bytes, "application/json", "test");
        assertEquals(MediaTypes.DOCKER_LIST, m.mediaType());
        assertTrue(m.isIndex());
        assertEquals(Digest.sha256(bytes), m.digest());
        assertEquals("[linux/arm64/v8, linux/amd64]", m.platforms().toString());
        assertEquals(List.of(A, B), m.children().stream().map(d -> d.digest().toString()).toList());
        assertTrue(java.util.Arrays.equals(bytes, m.bytes()));
    }

    @Test
    void anOciManifestWithoutMediaTypeTakesTheHeadersAndListsItsBlobs() {
        String json = "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + A
                + "\",\"size\":7},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"" + B
                + "\",\"size\":3000000000},{\"mediaType\":\"application/vnd.oci.image.layer.nondistributable.v1.tar+gzip\",\"digest\":\"" + A
                + "\",\"size\":1,\"urls\":[\"https://example.com/l\"]}]}";
        Manifest m = Manifest.of(json.getBytes(StandardCharsets.UTF_8), "application/vnd.oci.image.manifest.v1+json; charset=utf-8", "test");
        assertEquals(MediaTypes.OCI_MANIFEST, m.mediaType());
        assertEquals(3, m.blobs().size());
        assertEquals(3_000_000_000L, m.blobs().get(1).size());
        assertTrue(m.blobs().get(2).nonDistributable());
        assertEquals(List.of("https://example.com/l"), m.blobs().get(2).urls());
    }

    @Test
    void schemaOneIsRefused() {
        String json = "{\"schemaVersion\":1,\"name\":\"x\",\"tag\":\"1\",\"fsLayers\":[]}";
        FerryException e = assertThrows(FerryException.class, () -> Manifest.of(json.getBytes(StandardCharsets.UTF_8), "", "test"));
        assertTrue(e.getMessage().contains("schema 1"));
    }

    @Test
    void digestsParseStrictly() {
        assertEquals(A, Digest.parse(A).toString());
        assertThrows(FerryException.class, () -> Digest.parse("sha256:ABC"));
        assertThrows(FerryException.class, () -> Digest.parse("md5:" + "a".repeat(32)));
        assertTrue(Digest.looksLikeDigest(A));
        assertTrue(!Digest.looksLikeDigest("v1.2.3"));
    }
}
