package dev.ferry.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.error.FerryException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast JSON reader gives exactly the YAML parser's nodes, or steps aside. */
class JsonReaderTest {
    /** An OCI index as registries serve it, compact and pretty; escapes; every scalar kind; empty collections. */
    private static final String INDEX = """
            {
              "schemaVersion": 2,
              "mediaType": "application/vnd.oci.image.index.v1+json",
              "manifests": [
                {
                  "mediaType": "application/vnd.oci.image.manifest.v1+json",
                  "digest": "sha256:4f7c7a7dc4bd0a1f1e8bb0b02a8bb0b0a1c6d6b3c0b8e1e2d2a5a1f0b0c0d0e0",
                  "size": 1234,
                  "platform": {"architecture": "arm64", "os": "linux", "variant": "v8"}
                }
              ],
              "annotations": {"org.opencontainers.image.title": "p\\u00e4use \\"3.10\\" \\\\ \\/ \\t\\n\\b\\f\\r"},
              "empty": {}, "none": [], "yes": true, "no": false, "nothing": null, "negative": -0, "big": 123456789012345678901234567890
            }
            """;

    @ParameterizedTest
    @ValueSource(strings = {
        INDEX,
        "{\"a\":[1,2,{\"b\":[]}],\"c\":\"\"}",
        "\t{\r\n\t\"auths\": {\r\n\t\t\"x.io\": {\"auth\": \"YTpi\"}\r\n\t}\r\n}\r\n",
        "[]",
        "\"just a string\"",
        "0",
        "{\"dup\": 1, \"dup\": 2}",
    })
    void plainJsonIsReadAsTheYamlParserReadsIt(String json) {
        Optional<YamlNode> fast = JsonReader.parse(json, "m.json");
        assertTrue(fast.isPresent(), "plain JSON takes the fast path: " + json);
        assertEquals(shape(Yaml.parse(json.replace('\t', ' '), "m.json")), shape(fast.get()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"a\": 1.5}", "{\"a\": 1e3}", "{\"a\": 01}", "{\"a\": \"tab\there\"}", "{\"a\": \"\\ud83d\\ude00\"}",
        "\ufeff{}", "{\"a\": 1}\r{}", "{a: 1}", "{\"a\": 1,}", "{\"a\": 1} x", "", "   ", "{\"a\": tru}", "[1 2]",
        "{\"a\": \"unterminated}", "{\"a\": \"\\x\"}", "{\"a\": \"\\u12g4\"}", "'single'", "- yaml",
    })
    void anythingElseIsLeftToTheGeneralParser(String text) {
        assertEquals(Optional.empty(), JsonReader.parse(text, "m.json").map(JsonReaderTest::shape));
    }

    @org.junit.jupiter.api.Test
    void nestingBeyondTheLimitIsRefusedWithTheParsersMessage() {
        String deep = "[".repeat(Yaml.MAX_DEPTH + 1) + "]".repeat(Yaml.MAX_DEPTH + 1);
        assertEquals(Optional.empty(), JsonReader.parse(deep, "m.json").map(JsonReaderTest::shape));
        FerryException e = assertThrows(FerryException.class, () -> Yaml.parseJson(deep, "m.json"));
        assertTrue(e.getMessage().contains("nested more than " + Yaml.MAX_DEPTH + " levels deep"), e.getMessage());
        String limit = "[".repeat(Yaml.MAX_DEPTH) + "]".repeat(Yaml.MAX_DEPTH);
        assertTrue(JsonReader.parse(limit, "m.json").isPresent());
    }

    @org.junit.jupiter.api.Test
    void malformedJsonStillGetsTheParsersError() {
        FerryException e = assertThrows(FerryException.class, () -> Yaml.parseJson("{\"a\": [1, 2}", "m.json"));
        assertTrue(e.getMessage().startsWith("m.json:1: not valid YAML"), e.getMessage());
    }

    /** Everything a caller can see of a node: kind, line, keys in order, values, nulls. */
    private static Object shape(YamlNode n) {
        if (n.isMap()) {
            // map() refuses duplicate keys; the shape keeps them, as the node does, to compare the raw entries
            try {
                Map<String, YamlNode> m = n.map("m");
                return List.of("map@" + n.line(), m.entrySet().stream().map(e -> List.of(e.getKey(), shape(e.getValue()))).toList());
            } catch (FerryException duplicate) {
                return List.of("map@" + n.line(), duplicate.getMessage());
            }
        }
        if (n.isList()) {
            return List.of("list@" + n.line(), n.list("l").stream().map(JsonReaderTest::shape).toList());
        }
        return List.of((n.isNull() ? "null@" : "scalar@") + n.line(), n.string("s"));
    }
}
