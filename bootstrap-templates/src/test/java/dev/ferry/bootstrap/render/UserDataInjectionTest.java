package dev.ferry.bootstrap.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ferry.error.FerryException;
import dev.ferry.format.ControlCharacters;
import dev.ferry.mirror.asset.Asset;
import dev.ferry.mirror.catalog.Networking;
import dev.ferry.mirror.layout.Layout;
import dev.ferry.mirror.lock.Lock;
import dev.ferry.mirror.lock.LockFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Every value from outside that reaches user-data, fed every character a YAML 1.1 reader (cloud-init's
 * PyYAML) treats as a line break and every C0/C1 control, in both formats: each render is either refused
 * (exit 2, naming the field and the code point) or holds none of those characters, and its cloud-config
 * has exactly the top-level keys Ferry writes.
 */
class UserDataInjectionTest {
    static final List<String> MIRRORS = List.of("https://ferry-mirror.s3.cn-north-1.amazonaws.com.cn/kops");
    static final Set<String> CLOUD_CONFIG_KEYS = Set.of("write_files", "runcmd");
    static final String KUBELET_KEY = "release/v1.30.0/bin/linux/amd64/kubelet";
    static final String PAYLOAD = "bootcmd: [[touch, /tmp/pwned]]%sx: |%s  ";

    @TempDir
    Path dir;

    /** U+2028, U+2029, U+0085, then every other C0 and C1 control and DEL. */
    static List<Character> hostile() {
        List<Character> out = new ArrayList<>(List.of('\u2028', '\u2029', '\u0085'));
        for (char c = 0; c < 0xa0; c++) {
            if ((c < 0x20 || c >= 0x7f) && c != '\u0085') {
                out.add(c);
            }
        }
        return out;
    }

    /** One field that reaches user-data: how to put a hostile value into it, and the words its refusal must use. */
    record Field(String name, String refusalNames, boolean kops, Function<String, Render> with) {}

    /** A render's inputs. */
    record Render(Lock lock, List<String> mirrors, RenderOptions.Builder options) {}

    static Render plain() {
        return new Render(TestLocks.sample(Networking.OTHER), MIRRORS, RenderOptions.builder().maxPods(29));
    }

    static Render kops() {
        return new Render(TestLocks.sample(Networking.OTHER), MIRRORS, RenderOptions.builder().kops(true));
    }

    static Lock withKubeletKey(String key) {
        Lock sample = TestLocks.sample(Networking.OTHER);
        List<Asset> assets = new ArrayList<>();
        for (Asset a : sample.assets()) {
            if (a.key(Layout.KOPS).equals(KUBELET_KEY)) {
                Map<Layout, String> keys = new EnumMap<>(a.keys());
                keys.put(Layout.KOPS, key);
                a = a.withKeys(keys);
            }
            assets.add(a);
        }
        return new Lock(sample.generatedBy(), sample.layout(), sample.selections(), assets);
    }

    static List<Field> fields() {
        return List.of(
                new Field("generatedBy", "", false, v -> {
                    Render r = plain();
                    Lock l = r.lock();
                    return new Render(new Lock("ferry " + v + String.format(PAYLOAD, v, v), l.layout(), l.selections(), l.assets()),
                            r.mirrors(), r.options());
                }),
                new Field("asset key", "mirror key", false, v -> new Render(withKubeletKey("release/v1.30.0/bin/linux/amd64/kube" + v + "let"),
                        MIRRORS, plain().options())),
                new Field("mirror URL", "mirror URL", false, v -> new Render(plain().lock(),
                        List.of("https://ferry-mirror.example.cn/kops" + v + "x"), plain().options())),
                new Field("registry mirror host", "registry mirror host", false, v -> {
                    Render r = plain();
                    r.options().registryMirrors(List.of(new RegistryMirror("docker" + v + ".io", "https://registry.example.cn")));
                    return r;
                }),
                new Field("registry mirror URL", "registry mirror URL", false, v -> {
                    Render r = plain();
                    r.options().registryMirrors(List.of(new RegistryMirror("docker.io", "https://registry.example.cn/" + v + "v2")));
                    return r;
                }),
                new Field("kube env", "kube_env.yaml", true, v -> {
                    Render r = kops();
                    r.options().kopsKubeEnv("ClusterName: demo.k8s.local" + v + String.format(PAYLOAD, v, v) + "\nConfigBase: s3://state/demo\n");
                    return r;
                }));
    }

    @Test
    void everyHostileCharacterInEveryFieldIsRefusedOrKeptOutOfTheUserData() throws Exception {
        Load yaml = new Load(LoadSettings.builder().build());
        List<Path> cloudConfigs = new ArrayList<>();
        int refused = 0;
        for (Field field : fields()) {
            for (char c : hostile()) {
                String code = String.format("U+%04X", (int) c);
                for (UserDataFormat format : UserDataFormat.values()) {
                    String what = field.name() + " with " + code + " as " + format;
                    UserData ud;
                    try {
                        Render r = field.with().apply(String.valueOf(c));
                        ud = new UserDataRenderer().render(r.lock(), r.mirrors(), r.options().format(format).build());
                    } catch (FerryException e) {
                        boolean multiLineOk = field.kops() && (c == '\n' || c == '\t');
                        assertFalse(field.refusalNames().isEmpty() || multiLineOk, what + " must not be refused: " + e.getMessage());
                        assertEquals(FerryException.BAD_USAGE, e.exitCode(), what);
                        assertTrue(e.getMessage().contains(field.refusalNames()) && e.getMessage().contains(code), what + ": " + e.getMessage());
                        assertTrue(ControlCharacters.firstInLine(e.getMessage()).isEmpty(), what + ": the message itself is one safe line");
                        refused++;
                        continue;
                    }
                    String text = ud.text();
                    ControlCharacters.firstInText(text).ifPresent(i -> fail(what + " reached the user-data as "
                            + ControlCharacters.describe(text.charAt(i)) + " at " + i));
                    if (format == UserDataFormat.CLOUD_INIT) {
                        Map<?, ?> parsed = (Map<?, ?>) yaml.loadFromString(text);
                        assertEquals(CLOUD_CONFIG_KEYS, parsed.keySet(), what);
                        assertTrue(text.startsWith("#cloud-config\n"), what);
                        Path f = dir.resolve("cc-" + cloudConfigs.size() + ".yaml");
                        Files.writeString(f, text, StandardCharsets.UTF_8);
                        cloudConfigs.add(f);
                    }
                }
            }
        }
        assertTrue(refused > 300, "keys, URLs, hosts and kube env refuse what generatedBy escapes: " + refused);
        assertTrue(cloudConfigs.size() > 60, "rendered cloud-configs: " + cloudConfigs.size());
        PyYaml.assertTopLevelKeys(dir, cloudConfigs, CLOUD_CONFIG_KEYS);
    }

    /** The payload, in the lock's generatedBy: cloud-init's own schema check passes and sees no bootcmd. */
    @Test
    void theReportedPayloadStaysAComment() throws Exception {
        for (char separator : List.of('\u2028', '\u2029', '\u0085')) {
            String s = String.valueOf(separator);
            Lock sample = TestLocks.sample(Networking.OTHER);
            Lock hostile = new Lock("ferry" + s + String.format(PAYLOAD, s, s), sample.layout(), sample.selections(), sample.assets());
            UserData ud = new UserDataRenderer().render(hostile, MIRRORS, RenderOptions.builder().maxPods(29).format(UserDataFormat.CLOUD_INIT).build());
            Path f = dir.resolve("payload-" + (int) separator + ".yaml");
            Files.writeString(f, ud.text(), StandardCharsets.UTF_8);
            PyYaml.assertTopLevelKeys(dir, List.of(f), CLOUD_CONFIG_KEYS);
            ScriptTools.cloudInitSchema(dir, ud.text());
            assertTrue(ud.text().contains("# Node bootstrap rendered by ferry" + ControlCharacters.escape(s) + "bootcmd:"), ud.text());
        }
    }

    /** A hand-written lock with U+2028 in a key is refused when read, naming the code point; one in generatedBy is read and shown escaped. */
    @Test
    void aLockFileWithALineSeparatorInAKeyIsRefused() {
        String lock = LockFile.write(TestLocks.sample(Networking.OTHER));
        String bad = lock.replace("kops: " + KUBELET_KEY, "kops: \"release/v1.30.0/bin/linux/amd64/kube\\u2028let\"");
        assertFalse(bad.equals(lock));
        FerryException e = org.junit.jupiter.api.Assertions.assertThrows(FerryException.class, () -> LockFile.parse(bad, "ferry.lock"));
        assertEquals(FerryException.BAD_USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("U+2028 (LINE SEPARATOR)") && e.getMessage().contains("mirror key"), e.getMessage());
        assertTrue(e.getMessage().contains("kube\\u2028let"), "shown escaped: " + e.getMessage());
        String note = lock.replaceFirst("generatedBy: .*", "generatedBy: \"ferry\\\\u2028bootcmd: [[reboot]]\"");
        assertFalse(note.equals(lock));
        Lock read = LockFile.parse(note, "ferry.lock");
        String script = new UserDataRenderer().render(read, MIRRORS, RenderOptions.builder().maxPods(29).build()).text();
        assertTrue(script.contains("# Node bootstrap rendered by ferry\\u2028bootcmd: [[reboot]] (ferry bootstrap render)."), script);
    }
}
