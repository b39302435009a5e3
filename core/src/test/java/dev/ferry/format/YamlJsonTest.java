package dev.ferry.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class YamlJsonTest {
    @Test
    void tabIndentedJsonIsRead() {
        YamlNode n = Yaml.parseJson("{\n\t\"auths\": {\n\t\t\"x.io\": {\"auth\": \"a\\tb\"}\n\t}\n}", "config.json");
        assertEquals("a\tb", n.map("root").get("auths").map("auths").get("x.io").map("e").get("auth").string("auth"));
    }
}
