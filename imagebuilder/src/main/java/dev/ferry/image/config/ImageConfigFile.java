package dev.ferry.image.config;

import dev.ferry.error.FerryException;
import dev.ferry.format.Sizes;
import dev.ferry.aws.AwsRegion;
import dev.ferry.format.Yaml;
import dev.ferry.format.YamlNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads and validates {@code image.yaml}; every complaint names the file and line. See docs/ami-pipeline.md. */
public final class ImageConfigFile {
    private static final Pattern REGION = AwsRegion.NAME;
    private static final Pattern CIDR = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}/\\d{1,2}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern MODE = Pattern.compile("0?[0-7]{3}");

    private ImageConfigFile() {}

    public static ImageConfig read(Path file) {
        return parse(Yaml.read(file), file.toAbsolutePath().getParent());
    }

    /** Parses a document; relative file paths are resolved against {@code baseDir} (the config file's folder). */
    public static ImageConfig parse(YamlNode root, Path baseDir) {
        Map<String, YamlNode> top = root.mapWithKeys("image.yaml", Set.of("region", "source", "builder", "ssh", "bake",
                "image", "variables", "tags", "waits"));
        String region = requireMatching(root, top, "region", REGION, "a region such as cn-north-1");

        YamlNode sourceNode = require(root, top, "source");
        SourceImage source = source(sourceNode);

        YamlNode builderNode = require(root, top, "builder");
        Map<String, YamlNode> b = builderNode.mapWithKeys("builder", Set.of("instanceType", "subnet", "securityGroup",
                "sshFrom", "keyPair", "privateKeyFile", "instanceProfile", "rootVolume"));
        String instanceType = YamlNode.requireString(builderNode, b, "instanceType");
        String subnet = requirePrefixed(builderNode, b, "subnet", "subnet-");
        SecurityGroupChoice group = securityGroup(builderNode, b);
        KeyChoice key = keyChoice(builderNode, b, baseDir);
        RootVolume rootVolume = b.containsKey("rootVolume") ? rootVolume(b.get("rootVolume")) : RootVolume.asSource();

        SshSettings ssh = ssh(top.get("ssh"), baseDir);
        Map<String, String> variables = stringMap(top.get("variables"), "variables", false);
        Map<String, String> tags = stringMap(top.get("tags"), "tags", false);

        YamlNode imageNode = require(root, top, "image");
        Map<String, YamlNode> im = imageNode.mapWithKeys("image", Set.of("name", "description", "copyTo"));
        NameTemplate name = new NameTemplate(YamlNode.requireString(imageNode, im, "name"), variables,
                im.get("name") == null ? imageNode.where() : im.get("name").where());
        name.validate();
        List<String> copyTo = copyTo(im, region);

        YamlNode bakeNode = require(root, top, "bake");
        List<BakeStep> bake = bake(bakeNode, baseDir);

        Waits waits = waits(top.get("waits"));
        return new ImageConfig(region, source, instanceType, subnet, group, key, YamlNode.optString(b, "instanceProfile"),
                rootVolume, ssh, bake, name, YamlNode.optString(im, "description"), tags, copyTo, waits);
    }

    private static SecurityGroupChoice securityGroup(YamlNode builderNode, Map<String, YamlNode> b) {
        if (b.containsKey("securityGroup") && b.containsKey("sshFrom")) {
            throw b.get("sshFrom").error("give either 'securityGroup' or 'sshFrom', not both",
                    "securityGroup uses your group; sshFrom makes a temporary one allowing SSH from that CIDR");
        } else if (b.containsKey("securityGroup")) {
            return new SecurityGroupChoice.Existing(requirePrefixed(builderNode, b, "securityGroup", "sg-"));
        } else if (b.containsKey("sshFrom")) {
            String cidr = YamlNode.requireString(builderNode, b, "sshFrom").trim();
            if (!CIDR.matcher(cidr).matches()) {
                throw b.get("sshFrom").error("sshFrom must be an IPv4 CIDR such as 10.0.0.0/16, not '" + cidr + "'", null);
            }
            return new SecurityGroupChoice.Temporary(cidr);
        }
        throw builderNode.error("missing 'securityGroup' or 'sshFrom'",
                "securityGroup: sg-... (allows SSH from here), or sshFrom: CIDR for a temporary group");
    }

    private static KeyChoice keyChoice(YamlNode builderNode, Map<String, YamlNode> b, Path baseDir) {
        Optional<String> keyName = YamlNode.optString(b, "keyPair");
        Optional<String> keyFile = YamlNode.optString(b, "privateKeyFile");
        if (keyName.isPresent() != keyFile.isPresent()) {
            throw builderNode.error("'keyPair' and 'privateKeyFile' go together",
                    "give both, or neither for a temporary key pair");
        }
        if (keyName.isEmpty()) {
            return new KeyChoice.Temporary();
        }
        Path p = path(baseDir, keyFile.get());
        if (!Files.isReadable(p)) {
            throw b.get("privateKeyFile").error("cannot read the private key file " + p, "check the path");
        }
        return new KeyChoice.Existing(keyName.get(), p);
    }

    /** The regions to copy the AMI to: same partition, without the build's own region or repeats. */
    private static List<String> copyTo(Map<String, YamlNode> im, String region) {
        List<String> copyTo = new ArrayList<>();
        if (!im.containsKey("copyTo")) {
            return copyTo;
        }
        for (String r : im.get("copyTo").strings("copyTo")) {
            if (!AwsRegion.looksLikeRegion(r)) {
                throw im.get("copyTo").error("'" + r + "' is not a region", "use region names such as cn-northwest-1");
            }
            if (!new AwsRegion(r).partition().equals(new AwsRegion(region).partition())) {
                throw im.get("copyTo").error("cannot copy from " + region + " to " + r + ": they are in different partitions ("
                        + new AwsRegion(region).partition() + ", " + new AwsRegion(r).partition() + ")",
                        "cross the partition with 'ferry image store' and 'ferry image restore' (docs/ami-pipeline.md)");
            }
            if (!r.equals(region) && !copyTo.contains(r)) {
                copyTo.add(r);
            }
        }
        return copyTo;
    }

    private static SourceImage source(YamlNode node) {
        Map<String, YamlNode> s = node.mapWithKeys("source", Set.of("ami", "name", "owners"));
        if (s.containsKey("ami")) {
            if (s.containsKey("name") || s.containsKey("owners")) {
                throw node.error("give either 'ami' or 'name' with 'owners', not both", null);
            }
            return new SourceImage.ById(requirePrefixed(node, s, "ami", "ami-"));
        }
        if (!s.containsKey("name")) {
            throw node.error("missing 'ami' or 'name'", "ami: ami-..., or name: debian-12-amd64-* with owners: [136693071363]");
        }
        if (!s.containsKey("owners")) {
            // A name pattern without owners matches anyone's public images: an easy way to boot a stranger's AMI.
            throw node.error("'name' needs 'owners'", "give the account ids (or 'self', 'amazon') that publish the source image");
        }
        List<String> owners = s.get("owners").strings("owners");
        if (owners.isEmpty()) {
            throw s.get("owners").error("owners must not be empty", null);
        }
        return new SourceImage.ByName(YamlNode.requireString(node, s, "name"), owners);
    }

    private static RootVolume rootVolume(YamlNode node) {
        Map<String, YamlNode> m = node.mapWithKeys("rootVolume", Set.of("sizeGiB", "encrypted", "kmsKeyId"));
        OptionalInt size = OptionalInt.empty();
        if (m.containsKey("sizeGiB")) {
            long n = m.get("sizeGiB").number("sizeGiB");
            if (n < 1 || n > 16384) {
                throw m.get("sizeGiB").error("sizeGiB must be between 1 and 16384", null);
            }
            size = OptionalInt.of((int) n);
        }
        boolean encrypted = m.containsKey("encrypted") && m.get("encrypted").bool("encrypted");
        Optional<String> kms = YamlNode.optString(m, "kmsKeyId");
        if (kms.isPresent() && !encrypted) {
            throw m.get("kmsKeyId").error("kmsKeyId needs 'encrypted: true'", null);
        }
        return new RootVolume(size, encrypted, kms);
    }

    private static SshSettings ssh(YamlNode node, Path baseDir) {
        if (node == null) {
            return new SshSettings("ec2-user", 22, Optional.empty(), true, "/var/tmp/ferry-bake", false);
        }
        Map<String, YamlNode> m = node.mapWithKeys("ssh", Set.of("user", "port", "bastion", "sudo", "workDir",
                "requireVerifiedHostKey"));
        String user = YamlNode.optString(m, "user").orElse("ec2-user");
        int port = m.containsKey("port") ? port(m.get("port")) : 22;
        boolean sudo = !m.containsKey("sudo") || m.get("sudo").bool("sudo");
        String workDir = YamlNode.optString(m, "workDir").orElse("/var/tmp/ferry-bake");
        if (workDir.isBlank() || workDir.equals("/") || workDir.contains("'") || workDir.contains("\n")) {
            throw m.get("workDir").error("workDir must be a plain directory path (not '/')", null);
        }
        boolean require = m.containsKey("requireVerifiedHostKey") && m.get("requireVerifiedHostKey").bool("requireVerifiedHostKey");
        Optional<Bastion> bastion = Optional.empty();
        if (m.containsKey("bastion")) {
            YamlNode bn = m.get("bastion");
            Map<String, YamlNode> bm = bn.mapWithKeys("bastion", Set.of("host", "port", "user", "privateKeyFile", "hostKey"));
            Optional<Path> keyFile = YamlNode.optString(bm, "privateKeyFile").map(p -> path(baseDir, p));
            if (keyFile.isPresent() && !Files.isReadable(keyFile.get())) {
                throw bm.get("privateKeyFile").error("cannot read the private key file " + keyFile.get(), "check the path");
            }
            Optional<String> hostKey = YamlNode.optString(bm, "hostKey");
            if (hostKey.isPresent() && !hostKey.get().startsWith("SHA256:")) {
                throw bm.get("hostKey").error("hostKey must be a SHA256 fingerprint such as SHA256:abc...",
                        "print it on the bastion with: ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub");
            }
            bastion = Optional.of(new Bastion(YamlNode.requireString(bn, bm, "host"),
                    bm.containsKey("port") ? port(bm.get("port")) : 22,
                    YamlNode.optString(bm, "user").orElse(user), keyFile, hostKey));
        }
        return new SshSettings(user, port, bastion, sudo, workDir, require);
    }

    private static List<BakeStep> bake(YamlNode node, Path baseDir) {
        List<BakeStep> steps = new ArrayList<>();
        Set<String> names = new java.util.HashSet<>();
        for (YamlNode s : node.list("bake")) {
            Map<String, YamlNode> m = s.mapWithKeys("a bake step", Set.of("name", "run", "script", "upload", "install", "env"));
            List<String> kinds = m.keySet().stream().filter(k -> Set.of("run", "script", "upload", "install").contains(k)).toList();
            if (kinds.size() != 1) {
                throw s.error("a bake step needs exactly one of 'install', 'run', 'script' or 'upload'"
                        + (kinds.isEmpty() ? "" : ", not " + kinds), null);
            }
            String kind = kinds.get(0);
            String name = YamlNode.optString(m, "name").orElse(kind + "-" + (steps.size() + 1));
            if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
                throw m.get("name").error("step name '" + name + "' must be letters, digits, '.', '_' or '-'", null);
            }
            if (!names.add(name)) {
                throw s.error("two bake steps are named '" + name + "'", "give each step its own name");
            }
            steps.add(step(kind, name, s, m, stringMap(m.get("env"), "env", true), baseDir));
        }
        if (steps.isEmpty()) {
            throw node.error("bake has no steps", "add at least one step: run, script or upload");
        }
        return steps;
    }

    private static BakeStep step(String kind, String name, YamlNode s, Map<String, YamlNode> m, Map<String, String> env, Path baseDir) {
        switch (kind) {
            case "run" -> {
                return new BakeStep.Commands(name, s.where(), m.get("run").string("run"), env);
            }
            case "install" -> {
                return install(name, s, m.get("install"), env, baseDir);
            }
            case "script" -> {
                Path p = path(baseDir, m.get("script").string("script"));
                if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
                    throw m.get("script").error("cannot read the script " + p,
                            "render Ferry's node install script first: ferry bootstrap render ... > " + p.getFileName());
                }
                return new BakeStep.Script(name, s.where(), p, env);
            }
            default -> {
                if (!env.isEmpty()) {
                    throw m.get("env").error("'env' does not apply to an upload step", null);
                }
                return upload(name, s, m.get("upload"), baseDir);
            }
        }
    }

    private static BakeStep.Upload upload(String name, YamlNode step, YamlNode node, Path baseDir) {
        List<BakeStep.FileUpload> files = new ArrayList<>();
        for (YamlNode f : node.list("upload")) {
            Map<String, YamlNode> fm = f.mapWithKeys("an uploaded file", Set.of("from", "to", "mode"));
            Path from = path(baseDir, YamlNode.requireString(f, fm, "from"));
            if (!Files.isRegularFile(from) || !Files.isReadable(from)) {
                throw fm.get("from").error("cannot read " + from, "check the path (relative to image.yaml)");
            }
            String to = YamlNode.requireString(f, fm, "to");
            if (!to.startsWith("/") || to.endsWith("/") || to.contains("\n")) {
                throw fm.get("to").error("'to' must be an absolute file path on the builder, not '" + to + "'", null);
            }
            String mode = YamlNode.optString(fm, "mode").orElse("0644");
            if (!MODE.matcher(mode).matches()) {
                throw fm.get("mode").error("mode must be octal such as 0644 or 0755, not '" + mode + "'",
                        "quote it in YAML: mode: \"0755\"");
            }
            files.add(new BakeStep.FileUpload(from, to, mode.length() == 3 ? "0" + mode : mode));
        }
        if (files.isEmpty()) {
            throw node.error("upload lists no files", null);
        }
        return new BakeStep.Upload(name, step.where(), files);
    }

    private static BakeStep.Install install(String name, YamlNode step, YamlNode node, Map<String, String> env, Path baseDir) {
        Map<String, YamlNode> m = node.mapWithKeys("install", Set.of("lock", "mirror", "kubernetes", "arch", "kops"));
        Path lock = path(baseDir, YamlNode.requireString(node, m, "lock"));
        if (!Files.isReadable(lock)) {
            throw m.get("lock").error("cannot read the lock " + lock, "write one with: ferry mirror plan ... --lock-file " + lock.getFileName());
        }
        if (!m.containsKey("mirror")) {
            throw node.error("missing 'mirror'", "the URL(s) the builder downloads from, e.g. https://my-bucket.s3.cn-north-1.amazonaws.com.cn/kops");
        }
        List<String> mirrors = m.get("mirror").strings("mirror");
        for (String u : mirrors) {
            if (!u.startsWith("https://") && !u.startsWith("http://")) {
                throw m.get("mirror").error("mirror must be an http(s) URL, not '" + u + "'", null);
            }
        }
        List<String> arches = m.containsKey("arch") ? m.get("arch").strings("arch") : List.of();
        for (String a : arches) {
            if (!Set.of("amd64", "arm64").contains(a)) {
                throw m.get("arch").error("arch must be amd64 or arm64, not '" + a + "'", null);
            }
        }
        boolean kops = m.containsKey("kops") && m.get("kops").bool("kops");
        return new BakeStep.Install(name, step.where(), lock, mirrors, YamlNode.optString(m, "kubernetes"), arches, kops, env);
    }

    private static Waits waits(YamlNode node) {
        Waits d = Waits.defaults();
        if (node == null) {
            return d;
        }
        Map<String, YamlNode> m = node.mapWithKeys("waits", Set.of("poll", "instanceRunning", "consoleHostKeys", "ssh",
                "sshConnect", "step", "instanceStopped", "image", "copy", "instanceTerminated"));
        return new Waits(duration(m, "poll", d.poll()), duration(m, "instanceRunning", d.instanceRunning()),
                duration(m, "consoleHostKeys", d.consoleHostKeys()), duration(m, "ssh", d.ssh()),
                duration(m, "sshConnect", d.sshConnect()), duration(m, "step", d.step()),
                duration(m, "instanceStopped", d.instanceStopped()), duration(m, "image", d.image()),
                duration(m, "copy", d.copy()), duration(m, "instanceTerminated", d.instanceTerminated()));
    }

    private static Duration duration(Map<String, YamlNode> m, String key, Duration fallback) {
        YamlNode n = m.get(key);
        if (n == null) {
            return fallback;
        }
        Duration d;
        try {
            d = Sizes.parseDuration(n.string(key), key);
        } catch (FerryException e) {
            throw n.error(e.getMessage(), null);
        }
        if (d.isZero()) {
            throw n.error(key + " must be longer than zero", null);
        }
        return d;
    }

    private static Map<String, String> stringMap(YamlNode node, String what, boolean envNames) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node == null) {
            return out;
        }
        for (Map.Entry<String, YamlNode> e : node.map(what).entrySet()) {
            if (envNames && !ENV_NAME.matcher(e.getKey()).matches()) {
                throw e.getValue().error("'" + e.getKey() + "' is not a valid environment variable name", null);
            }
            if (!envNames && (e.getKey().startsWith("aws:") || e.getKey().isBlank())) {
                throw e.getValue().error("'" + e.getKey() + "' cannot be used here (the aws: prefix is reserved)", null);
            }
            out.put(e.getKey(), e.getValue().string(what + "." + e.getKey()));
        }
        return out;
    }

    private static int port(YamlNode n) {
        long p = n.number("port");
        if (p < 1 || p > 65535) {
            throw n.error("port must be between 1 and 65535", null);
        }
        return (int) p;
    }

    private static YamlNode require(YamlNode parent, Map<String, YamlNode> m, String key) {
        YamlNode n = m.get(key);
        if (n == null || n.isNull()) {
            throw parent.error("missing '" + key + "'", "see docs/ami-pipeline.md for a complete image.yaml");
        }
        return n;
    }

    private static String requirePrefixed(YamlNode parent, Map<String, YamlNode> m, String key, String prefix) {
        String v = YamlNode.requireString(parent, m, key).trim();
        if (!v.startsWith(prefix) || v.length() <= prefix.length() || !v.matches("[a-z]+-[0-9a-f]+")) {
            throw m.get(key).error(key + " must be an id such as " + prefix + "0123456789abcdef0, not '" + v + "'", null);
        }
        return v;
    }

    private static String requireMatching(YamlNode parent, Map<String, YamlNode> m, String key, Pattern p, String what) {
        String v = YamlNode.requireString(parent, m, key).trim();
        if (!p.matcher(v).matches()) {
            throw m.get(key).error(key + " must be " + what + ", not '" + v + "'", null);
        }
        return v;
    }

    private static Path path(Path baseDir, String p) {
        Path given = Path.of(p.startsWith("~/") ? System.getProperty("user.home") + p.substring(1) : p);
        return given.isAbsolute() ? given : baseDir.resolve(given).normalize();
    }
}
