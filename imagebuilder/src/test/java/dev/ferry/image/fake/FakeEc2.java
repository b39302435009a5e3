package dev.ferry.image.fake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A stateful fake of the EC2 Query API for tests: {@code POST /} with a form body, XML answers in the
 * 2016-11-15 namespace, errors as {@code <Response><Errors><Error>}. The region comes from the SigV4 credential
 * scope, so one server plays every region. State advances per describe call (not per wall-clock second), so tests
 * are fast and deterministic. Every request is recorded.
 */
public final class FakeEc2 implements AutoCloseable {
    public static final String NS = "http://ec2.amazonaws.com/doc/2016-11-15/";
    public static final String ACCOUNT = "123456789012";
    private static final Pattern REGION = Pattern.compile("Credential=[^/]+/\\d{8}/([^/]+)/ec2/");

    static {
        // the JDK server writes headers and body apart; with Nagle on, each answer waits for a delayed ACK (~40 ms)
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** A recorded call. */
    public record Call(String region, String action, Map<String, String> params) {
        public String get(String key) {
            return params.get(key);
        }

        public boolean has(String prefix) {
            return params.keySet().stream().anyMatch(k -> k.startsWith(prefix));
        }
    }

    public static final class Instance {
        public final String id;
        public final String region;
        public final String imageId;
        public String state = "pending";
        public int ticks;
        public final String subnetId;
        public final List<String> groups;
        public final String keyName;
        public final String clientToken;
        public final Map<String, String> tags = new LinkedHashMap<>();

        Instance(String id, String region, String imageId, String subnetId, List<String> groups, String keyName, String token) {
            this.id = id;
            this.region = region;
            this.imageId = imageId;
            this.subnetId = subnetId;
            this.groups = groups;
            this.keyName = keyName;
            this.clientToken = token;
        }
    }

    public static final class Image {
        public final String id;
        public final String region;
        public final String name;
        public final String owner;
        public String state;
        public int notFoundLeft;
        /** DeregisterImage calls still answered NotFound (EC2's deregistration path lags its describe path). */
        public int deregisterNotFoundLeft;
        public int pendingLeft;
        public final List<String> snapshots = new ArrayList<>();
        public final Map<String, String> tags = new LinkedHashMap<>();
        public String description = "";
        public String creationDate = "2026-01-01T00:00:00.000Z";

        Image(String id, String region, String name, String owner, String state) {
            this.id = id;
            this.region = region;
            this.name = name;
            this.owner = owner;
            this.state = state;
        }
    }

    public record StoreTask(String imageId, String bucket, String key, String region, AtomicInteger ticks) {}

    // knobs
    public volatile String privateIp = "127.0.0.1";
    public volatile int instancePendingDescribes = 1;
    public volatile int imageNotFoundDescribes = 2;
    public volatile int imagePendingDescribes = 2;
    public volatile boolean imagesNeverAvailable;
    public volatile boolean imagesFail;
    public volatile int groupDependencyLingers = 1;
    public volatile boolean refuseTagsOnCreate;
    public volatile String consoleOutput = "";
    public volatile int storeTaskDescribes = 2;
    /** Each new AMI: the first this many DeregisterImage calls answer InvalidAMIID.NotFound. */
    public volatile int imageDeregisterNotFound;
    /** Each snapshot: this many DeleteSnapshot calls still answer InvalidSnapshot.InUse after its AMI was deregistered. */
    public volatile int snapshotInUseAfterDeregister;

    private final HttpServer server;
    private final List<Call> calls = new ArrayList<>();
    /** action → queued failures {status, code, message}; "*" fails everything. */
    private final Map<String, List<String[]>> failures = new HashMap<>();
    private final Map<String, String[]> alwaysFail = new HashMap<>();
    /** action → how many more answers to drop after carrying the call out. */
    private final Map<String, Integer> lostAnswers = new HashMap<>();
    private final Map<String, Integer> snapshotInUse = new HashMap<>();
    private final Map<String, Runnable> afterCall = new HashMap<>();

    public final Map<String, Instance> instances = new LinkedHashMap<>();
    public final Map<String, Image> images = new LinkedHashMap<>();
    /** snapshot id → tags. */
    public final Map<String, Map<String, String>> snapshots = new LinkedHashMap<>();
    public final Map<String, String> snapshotRegion = new HashMap<>();
    public final Map<String, Map<String, String>> keyPairs = new LinkedHashMap<>();
    /** key pair name → OpenSSH public key line, as cloud-init would install it on the instance. */
    public final Map<String, String> keyMaterial = new java.util.concurrent.ConcurrentHashMap<>();
    /** group id → tags; rules in {@link #groupRules}. */
    public final Map<String, Map<String, String>> groups = new LinkedHashMap<>();
    public final Map<String, List<String>> groupRules = new HashMap<>();
    private final Map<String, Integer> groupLinger = new HashMap<>();
    private final Map<String, String> keyPairIds = new HashMap<>();
    public final List<StoreTask> storeTasks = new ArrayList<>();
    /** "bucket/key" objects that exist (stored images, or carried over by a test). */
    public final java.util.Set<String> objects = new java.util.LinkedHashSet<>();
    private int nextId = 1;
    /** VPCs, subnets, route tables, gateways and zones: answered before the actions below. */
    public final FakeVpcs vpcs = new FakeVpcs();

    public FakeEc2() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    // ---- test API

    public synchronized void addImage(String region, String id, String name, String owner, String creationDate) {
        Image i = new Image(id, region, name, owner, "available");
        i.creationDate = creationDate;
        String snap = newId("snap");
        i.snapshots.add(snap);
        snapshots.put(snap, new LinkedHashMap<>());
        snapshotRegion.put(snap, region);
        images.put(id, i);
    }

    /** Answers the next {@code times} calls of {@code action} with an error. */
    public synchronized void failNext(String action, int status, String code, String message, int times) {
        for (int i = 0; i < times; i++) {
            failures.computeIfAbsent(action, a -> new ArrayList<>()).add(new String[] {String.valueOf(status), code, message});
        }
    }

    /** Answers every call of {@code action} with an error, until {@link #heal}. */
    public synchronized void alwaysFail(String action, int status, String code, String message) {
        alwaysFail.put(action, new String[] {String.valueOf(status), code, message});
    }

    /**
     * Carries out the next {@code times} calls of {@code action}, then closes the connection without an answer: the
     * call succeeded, the response never arrived.
     */
    public synchronized void loseAnswers(String action, int times) {
        lostAnswers.put(action, times);
    }

    /** Runs {@code then} once, right after the next call of {@code action} was answered (or its answer lost). */
    public synchronized void afterCall(String action, Runnable then) {
        afterCall.put(action, then);
    }

    public synchronized void heal() {
        alwaysFail.clear();
        failures.clear();
        lostAnswers.clear();
        afterCall.clear();
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    public synchronized List<Call> calls(String action) {
        return calls.stream().filter(c -> c.action().equals(action)).toList();
    }

    public synchronized List<Image> liveImages(String region) {
        return images.values().stream().filter(i -> i.region.equals(region) && i.owner.equals(ACCOUNT)).toList();
    }

    public synchronized List<Instance> liveInstances() {
        return instances.values().stream().filter(i -> !i.state.equals("terminated")).toList();
    }

    public static String consoleWithFingerprints(String... fingerprints) {
        StringBuilder sb = new StringBuilder("[   0.000000] Linux version 6.1.0\ncloud-init: booting\n");
        sb.append("ec2: \nec2: #############################################################\n");
        sb.append("ec2: -----BEGIN SSH HOST KEY FINGERPRINTS-----\n");
        for (String f : fingerprints) {
            sb.append("ec2: 256 ").append(f).append(" root@ip-10-0-1-7 (ECDSA)\n");
        }
        sb.append("ec2: -----END SSH HOST KEY FINGERPRINTS-----\nec2: #############################################################\n");
        return sb.toString();
    }

    // ---- HTTP

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> p = new LinkedHashMap<>();
            for (String pair : body.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                p.put(k, v);
            }
            String auth = Optional.ofNullable(ex.getRequestHeaders().getFirst("Authorization")).orElse("");
            Matcher m = REGION.matcher(auth);
            String region = m.find() ? m.group(1) : "us-east-1";
            String action = p.getOrDefault("Action", "");
            String[] response;
            synchronized (this) {
                calls.add(new Call(region, action, Map.copyOf(p)));
                response = answer(region, action, p);
                Runnable then = afterCall.remove(action);
                if (then != null) {
                    then.run();
                }
                int lose = lostAnswers.getOrDefault(action, 0);
                if (lose > 0 && response[0].equals("200")) {
                    lostAnswers.put(action, lose - 1);
                    return; // closing the exchange before any response header drops the connection
                }
            }
            byte[] bytes = response[1].getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/xml;charset=UTF-8");
            ex.sendResponseHeaders(Integer.parseInt(response[0]), bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private String[] answer(String region, String action, Map<String, String> p) {
        String[] fail = alwaysFail.get(action);
        if (fail == null) {
            List<String[]> queued = failures.get(action);
            if (queued != null && !queued.isEmpty()) {
                fail = queued.remove(0);
            }
        }
        if (fail != null) {
            return error(Integer.parseInt(fail[0]), fail[1], fail[2]);
        }
        try {
            return new String[] {"200", ok(action, dispatch(region, action, p))};
        } catch (Ec2Fault f) {
            return error(400, f.code, f.getMessage());
        }
    }

    private static final class Ec2Fault extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String code;

        Ec2Fault(String code, String message) {
            super(message);
            this.code = code;
        }
    }

    private static String[] error(int status, String code, String message) {
        return new String[] {String.valueOf(status), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>"
                + esc(code) + "</Code><Message>" + esc(message) + "</Message></Error></Errors><RequestID>fake-"
                + System.nanoTime() + "</RequestID></Response>"};
    }

    private static String ok(String action, String inner) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<" + action + "Response xmlns=\"" + NS + "\"><requestId>fake-"
                + System.nanoTime() + "</requestId>" + inner + "</" + action + "Response>";
    }

    private String dispatch(String region, String action, Map<String, String> p) {
        Optional<String> vpc = vpcs.answer(region, action, p, Ec2Fault::new);
        if (vpc.isPresent()) {
            return vpc.get();
        }
        return switch (action) {
            case "DescribeImages" -> describeImages(region, p);
            case "DescribeSubnets" -> "<subnetSet>" + indexed(p, "SubnetId").stream().map(s -> "<item><subnetId>" + esc(s)
                    + "</subnetId><vpcId>vpc-0fake</vpcId><state>available</state></item>").collect(Collectors.joining()) + "</subnetSet>";
            case "ImportKeyPair" -> importKeyPair(p);
            case "DeleteKeyPair" -> {
                keyPairs.remove(p.get("KeyName"));
                keyMaterial.remove(p.get("KeyName"));
                yield "<return>true</return>";
            }
            case "CreateSecurityGroup" -> createGroup(p);
            case "AuthorizeSecurityGroupIngress" -> {
                String g = p.get("GroupId");
                requireGroup(g);
                groupRules.computeIfAbsent(g, k -> new ArrayList<>()).add(p.get("IpPermissions.1.IpProtocol") + ":"
                        + p.get("IpPermissions.1.FromPort") + "-" + p.get("IpPermissions.1.ToPort") + " from "
                        + p.get("IpPermissions.1.IpRanges.1.CidrIp"));
                yield "<return>true</return>";
            }
            case "DeleteSecurityGroup" -> deleteGroup(p.get("GroupId"));
            case "RunInstances" -> runInstances(region, p);
            case "DescribeInstances" -> describeInstances(p);
            case "GetConsoleOutput" -> "<instanceId>" + esc(p.get("InstanceId")) + "</instanceId><timestamp>2026-11-22T00:00:00Z</timestamp><output>"
                    + Base64.getEncoder().encodeToString(consoleOutput.getBytes(StandardCharsets.UTF_8)) + "</output>";
            case "StopInstances" -> changeState(p, "stopping", "stopped");
            case "TerminateInstances" -> changeState(p, "shutting-down", "terminated");
            case "CreateImage" -> createImage(region, p);
            case "CopyImage" -> copyImage(region, p);
            case "DeregisterImage" -> deregisterImage(region, p.get("ImageId"));
            case "DeleteSnapshot" -> deleteSnapshot(p.get("SnapshotId"));
            case "DescribeSnapshots" -> describeSnapshots(region, p);
            case "CreateTags" -> createTags(p);
            case "CreateStoreImageTask" -> createStoreTask(region, p);
            case "DescribeStoreImageTasks" -> describeStoreTasks(region, p);
            case "CreateRestoreImageTask" -> createRestoreTask(region, p);
            default -> throw new Ec2Fault("InvalidAction", "The action " + action + " is not valid for this web service.");
        };
    }

    // ---- images

    private String describeImages(String region, Map<String, String> p) {
        List<String> ids = indexed(p, "ImageId");
        List<Image> out = new ArrayList<>();
        if (!ids.isEmpty()) {
            for (String id : ids) {
                Image i = images.get(id);
                if (i == null || !i.region.equals(region)) {
                    throw new Ec2Fault("InvalidAMIID.NotFound", "The image id '[" + id + "]' does not exist");
                }
                if (i.notFoundLeft > 0) {
                    i.notFoundLeft--;
                    throw new Ec2Fault("InvalidAMIID.NotFound", "The image id '[" + id + "]' does not exist");
                }
                if (i.state.equals("pending") && !imagesNeverAvailable) {
                    if (imagesFail) {
                        i.state = "failed";
                    } else if (i.pendingLeft-- <= 0) {
                        i.state = "available";
                    }
                }
                out.add(i);
            }
        } else {
            List<String> owners = indexed(p, "Owner");
            Map<String, List<String>> filters = filters(p);
            for (Image i : images.values()) {
                if (!i.region.equals(region)) {
                    continue;
                }
                if (i.notFoundLeft > 0) {
                    i.notFoundLeft--; // a listing is a describe call too: the fresh AMI shows up after a few
                    continue;
                }
                if (!owners.isEmpty() && !owners.contains(i.owner) && !(owners.contains("self") && i.owner.equals(ACCOUNT))) {
                    continue;
                }
                if (filters.containsKey("name") && filters.get("name").stream().noneMatch(g -> glob(g, i.name))) {
                    continue;
                }
                if (filters.containsKey("state") && !filters.get("state").contains(i.state)) {
                    continue;
                }
                if (!matchesTags(filters, i.tags)) {
                    continue;
                }
                out.add(i);
            }
        }
        StringBuilder sb = new StringBuilder("<imagesSet>");
        out.forEach(i -> sb.append(imageXml(i)));
        return sb.append("</imagesSet>").toString();
    }

    private static String imageXml(Image i) {
        StringBuilder sb = new StringBuilder();
        sb.append("<item><imageId>").append(i.id).append("</imageId><name>").append(esc(i.name)).append("</name>")
                .append("<imageState>").append(i.state).append("</imageState><imageOwnerId>").append(i.owner).append("</imageOwnerId>")
                .append("<creationDate>").append(i.creationDate).append("</creationDate>")
                .append("<description>").append(esc(i.description)).append("</description>")
                .append("<rootDeviceName>/dev/xvda</rootDeviceName><rootDeviceType>ebs</rootDeviceType>");
        if (i.state.equals("failed")) {
            sb.append("<stateReason><code>Client.InternalError</code><message>fake: image creation failed</message></stateReason>");
        }
        sb.append("<blockDeviceMapping>");
        for (String s : i.snapshots) {
            sb.append("<item><deviceName>/dev/xvda</deviceName><ebs><snapshotId>").append(s).append("</snapshotId></ebs></item>");
        }
        sb.append("</blockDeviceMapping>").append(tagSet(i.tags)).append("</item>");
        return sb.toString();
    }

    private String deregisterImage(String region, String id) {
        Image i = images.get(id);
        if (i == null || !i.region.equals(region) || i.deregisterNotFoundLeft-- > 0) {
            throw new Ec2Fault("InvalidAMIID.NotFound", "The image id '[" + id + "]' does not exist");
        }
        images.remove(i.id);
        i.snapshots.forEach(snap -> snapshotInUse.put(snap, snapshotInUseAfterDeregister));
        return "<return>true</return>";
    }

    private String createImage(String region, Map<String, String> p) {
        checkTagSpecs(p);
        Instance inst = instances.get(p.get("InstanceId"));
        if (inst == null) {
            throw new Ec2Fault("InvalidInstanceID.NotFound", "The instance ID '" + p.get("InstanceId") + "' does not exist");
        }
        String name = p.get("Name");
        requireUniqueName(region, name);
        Image i = newImage(region, name);
        i.description = p.getOrDefault("Description", "");
        String snap = i.snapshots.get(0);
        Map<String, Map<String, String>> specs = tagSpecs(p);
        i.tags.putAll(specs.getOrDefault("image", Map.of()));
        snapshots.get(snap).putAll(specs.getOrDefault("snapshot", Map.of()));
        return "<imageId>" + i.id + "</imageId>";
    }

    private String copyImage(String region, Map<String, String> p) {
        Image src = images.get(p.get("SourceImageId"));
        if (src == null || !src.region.equals(p.get("SourceRegion"))) {
            throw new Ec2Fault("InvalidAMIID.NotFound", "The image id '[" + p.get("SourceImageId") + "]' does not exist in "
                    + p.get("SourceRegion"));
        }
        String name = p.getOrDefault("Name", src.name);
        requireUniqueName(region, name);
        Image i = newImage(region, name);
        i.description = p.getOrDefault("Description", "");
        return "<imageId>" + i.id + "</imageId>";
    }

    private Image newImage(String region, String name) {
        Image i = new Image(newId("ami"), region, name, ACCOUNT, "pending");
        i.notFoundLeft = imageNotFoundDescribes;
        i.deregisterNotFoundLeft = imageDeregisterNotFound;
        i.pendingLeft = imagePendingDescribes;
        String snap = newId("snap");
        i.snapshots.add(snap);
        snapshots.put(snap, new LinkedHashMap<>());
        snapshotRegion.put(snap, region);
        images.put(i.id, i);
        return i;
    }

    private void requireUniqueName(String region, String name) {
        if (name == null || name.isBlank()) {
            throw new Ec2Fault("MissingParameter", "The request must contain the parameter name");
        }
        for (Image other : images.values()) {
            if (other.region.equals(region) && other.owner.equals(ACCOUNT) && other.name.equals(name)) {
                throw new Ec2Fault("InvalidAMIName.Duplicate", "AMI name " + name + " is already in use by AMI " + other.id);
            }
        }
    }

    private String deleteSnapshot(String id) {
        if (!snapshots.containsKey(id)) {
            throw new Ec2Fault("InvalidSnapshot.NotFound", "The snapshot '" + id + "' does not exist.");
        }
        for (Image i : images.values()) {
            if (i.snapshots.contains(id)) {
                throw new Ec2Fault("InvalidSnapshot.InUse", "The snapshot " + id + " is currently in use by " + i.id);
            }
        }
        int inUse = snapshotInUse.getOrDefault(id, 0);
        if (inUse > 0) {
            snapshotInUse.put(id, inUse - 1);
            throw new Ec2Fault("InvalidSnapshot.InUse", "The snapshot " + id + " is currently in use by an AMI being deregistered");
        }
        snapshots.remove(id);
        return "<return>true</return>";
    }

    private String describeSnapshots(String region, Map<String, String> p) {
        Map<String, List<String>> filters = filters(p);
        StringBuilder sb = new StringBuilder("<snapshotSet>");
        for (Map.Entry<String, Map<String, String>> s : snapshots.entrySet()) {
            if (!region.equals(snapshotRegion.get(s.getKey())) || !matchesTags(filters, s.getValue())) {
                continue;
            }
            sb.append("<item><snapshotId>").append(s.getKey()).append("</snapshotId><status>completed</status><ownerId>")
                    .append(ACCOUNT).append("</ownerId>").append(tagSet(s.getValue())).append("</item>");
        }
        return sb.append("</snapshotSet>").toString();
    }

    // ---- key pairs, groups, tags

    private String importKeyPair(Map<String, String> p) {
        checkTagSpecs(p);
        String name = p.get("KeyName");
        if (keyPairs.containsKey(name)) {
            throw new Ec2Fault("InvalidKeyPair.Duplicate", "The keypair '" + name + "' already exists.");
        }
        String material = new String(Base64.getDecoder().decode(p.get("PublicKeyMaterial")), StandardCharsets.UTF_8);
        if (!material.startsWith("ssh-rsa ") && !material.startsWith("ssh-ed25519 ")) {
            throw new Ec2Fault("InvalidKey.Format", "Key is not in valid OpenSSH public key format");
        }
        keyPairs.put(name, new LinkedHashMap<>(tagSpecs(p).getOrDefault("key-pair", Map.of())));
        keyMaterial.put(name, material.trim());
        String id = newId("key");
        keyPairIds.put(id, name);
        return "<keyName>" + esc(name) + "</keyName><keyFingerprint>00:11</keyFingerprint><keyPairId>" + id + "</keyPairId>";
    }

    private String createGroup(Map<String, String> p) {
        checkTagSpecs(p);
        String id = newId("sg");
        groups.put(id, new LinkedHashMap<>(tagSpecs(p).getOrDefault("security-group", Map.of())));
        groupLinger.put(id, groupDependencyLingers);
        return "<groupId>" + id + "</groupId>";
    }

    private void requireGroup(String g) {
        if (!groups.containsKey(g)) {
            throw new Ec2Fault("InvalidGroup.NotFound", "The security group '" + g + "' does not exist");
        }
    }

    private String deleteGroup(String g) {
        requireGroup(g);
        for (Instance i : instances.values()) {
            if (i.groups.contains(g) && !i.state.equals("terminated")) {
                throw new Ec2Fault("DependencyViolation", "resource " + g + " has a dependent object");
            }
        }
        int linger = groupLinger.getOrDefault(g, 0);
        if (linger > 0) {
            // the builder's network interface lingers a little after termination, as in EC2
            groupLinger.put(g, linger - 1);
            throw new Ec2Fault("DependencyViolation", "resource " + g + " has a dependent object");
        }
        groups.remove(g);
        return "<return>true</return>";
    }

    private String createTags(Map<String, String> p) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (int n = 1; p.containsKey("Tag." + n + ".Key"); n++) {
            tags.put(p.get("Tag." + n + ".Key"), p.getOrDefault("Tag." + n + ".Value", ""));
        }
        for (String id : indexed(p, "ResourceId")) {
            Map<String, String> target = tagsOf(id);
            if (target == null) {
                throw new Ec2Fault("InvalidID", "The ID '" + id + "' is not valid");
            }
            target.putAll(tags);
        }
        return "<return>true</return>";
    }

    private Map<String, String> tagsOf(String id) {
        if (instances.containsKey(id)) {
            return instances.get(id).tags;
        }
        if (images.containsKey(id)) {
            return images.get(id).tags;
        }
        if (snapshots.containsKey(id)) {
            return snapshots.get(id);
        }
        if (groups.containsKey(id)) {
            return groups.get(id);
        }
        if (keyPairIds.containsKey(id) && keyPairs.containsKey(keyPairIds.get(id))) {
            return keyPairs.get(keyPairIds.get(id));
        }
        return null;
    }

    // ---- instances

    private String runInstances(String region, Map<String, String> p) {
        checkTagSpecs(p);
        if (p.containsKey("SubnetId") || indexed(p, "SecurityGroupId").size() > 0 || indexed(p, "SecurityGroup").size() > 0) {
            if (p.keySet().stream().anyMatch(k -> k.startsWith("NetworkInterface."))) {
                throw new Ec2Fault("InvalidParameterCombination",
                        "Network interfaces and an instance-level subnet ID or security groups may not be specified on the same request");
            }
        }
        String token = p.get("ClientToken");
        if (token != null) {
            for (Instance i : instances.values()) {
                if (token.equals(i.clientToken)) {
                    return reservation(List.of(i));
                }
            }
        }
        Image image = images.get(p.get("ImageId"));
        if (image == null || !image.region.equals(region)) {
            throw new Ec2Fault("InvalidAMIID.NotFound", "The image id '[" + p.get("ImageId") + "]' does not exist");
        }
        String key = p.get("KeyName");
        if (key != null && !keyPairs.containsKey(key) && !key.startsWith("existing-")) {
            throw new Ec2Fault("InvalidKeyPair.NotFound", "The key pair '" + key + "' does not exist");
        }
        String subnet = p.getOrDefault("NetworkInterface.1.SubnetId", p.get("SubnetId"));
        List<String> sgs = new ArrayList<>(indexed(p, "NetworkInterface.1.SecurityGroupId"));
        Instance i = new Instance(newId("i"), region, image.id, subnet, sgs, key, token);
        i.tags.putAll(tagSpecs(p).getOrDefault("instance", Map.of()));
        instances.put(i.id, i);
        return reservation(List.of(i));
    }

    private String describeInstances(Map<String, String> p) {
        List<String> ids = indexed(p, "InstanceId");
        Map<String, List<String>> filters = filters(p);
        List<Instance> out = new ArrayList<>();
        for (String id : ids) {
            if (!instances.containsKey(id)) {
                throw new Ec2Fault("InvalidInstanceID.NotFound", "The instance ID '" + id + "' does not exist");
            }
        }
        for (Instance i : instances.values()) {
            if ((!ids.isEmpty() && !ids.contains(i.id)) || !matchesTags(filters, i.tags)
                    || (filters.containsKey("client-token") && !filters.get("client-token").contains(i.clientToken))) {
                continue;
            }
            i.ticks++;
            switch (i.state) {
                case "pending" -> {
                    if (i.ticks > instancePendingDescribes) {
                        i.state = "running";
                    }
                }
                case "stopping" -> i.state = "stopped";
                case "shutting-down" -> i.state = "terminated";
                default -> { }
            }
            out.add(i);
        }
        return "<reservationSet>" + (out.isEmpty() ? "" : "<item>" + reservationBody(out) + "</item>") + "</reservationSet>";
    }

    private String changeState(Map<String, String> p, String transitional, String finalState) {
        StringBuilder sb = new StringBuilder("<instancesSet>");
        for (String id : indexed(p, "InstanceId")) {
            Instance i = instances.get(id);
            if (i == null) {
                throw new Ec2Fault("InvalidInstanceID.NotFound", "The instance ID '" + id + "' does not exist");
            }
            String previous = i.state;
            if (!i.state.equals(finalState) && !i.state.equals("terminated")) {
                i.state = transitional;
            }
            sb.append("<item><instanceId>").append(id).append("</instanceId><currentState><code>0</code><name>").append(i.state)
                    .append("</name></currentState><previousState><code>0</code><name>").append(previous).append("</name></previousState></item>");
        }
        return sb.append("</instancesSet>").toString();
    }

    private String reservation(List<Instance> list) {
        return reservationBody(list);
    }

    private String reservationBody(List<Instance> list) {
        StringBuilder sb = new StringBuilder("<reservationId>r-fake</reservationId><ownerId>" + ACCOUNT + "</ownerId><instancesSet>");
        for (Instance i : list) {
            sb.append("<item><instanceId>").append(i.id).append("</instanceId><imageId>").append(i.imageId).append("</imageId>")
                    .append("<instanceState><code>0</code><name>").append(i.state).append("</name></instanceState>")
                    .append("<privateIpAddress>").append(privateIp).append("</privateIpAddress>")
                    .append("<subnetId>").append(esc(String.valueOf(i.subnetId))).append("</subnetId>")
                    .append(tagSet(i.tags)).append("</item>");
        }
        return sb.append("</instancesSet>").toString();
    }

    // ---- store / restore

    private String createStoreTask(String region, Map<String, String> p) {
        Image i = images.get(p.get("ImageId"));
        if (i == null || !i.region.equals(region)) {
            throw new Ec2Fault("InvalidAMIID.NotFound", "The image id '[" + p.get("ImageId") + "]' does not exist");
        }
        String key = i.id + ".bin";
        storeTasks.add(new StoreTask(i.id, p.get("Bucket"), key, region, new AtomicInteger()));
        return "<objectKey>" + key + "</objectKey>";
    }

    private String describeStoreTasks(String region, Map<String, String> p) {
        List<String> ids = indexed(p, "ImageId");
        StringBuilder sb = new StringBuilder("<storeImageTaskResultSet>");
        for (StoreTask t : storeTasks) {
            if (!t.region().equals(region) || (!ids.isEmpty() && !ids.contains(t.imageId()))) {
                continue;
            }
            boolean done = t.ticks().incrementAndGet() > storeTaskDescribes;
            if (done) {
                objects.add(t.bucket() + "/" + t.key());
            }
            sb.append("<item><amiId>").append(t.imageId()).append("</amiId><bucket>").append(esc(t.bucket())).append("</bucket>")
                    .append("<s3objectKey>").append(t.key()).append("</s3objectKey><storeTaskState>")
                    .append(done ? "Completed" : "InProgress").append("</storeTaskState><progressPercentage>")
                    .append(done ? 100 : 40).append("</progressPercentage></item>");
        }
        return sb.append("</storeImageTaskResultSet>").toString();
    }

    private String createRestoreTask(String region, Map<String, String> p) {
        String object = p.get("Bucket") + "/" + p.get("ObjectKey");
        if (!objects.contains(object)) {
            throw new Ec2Fault("InvalidParameter", "The S3 object s3://" + object + " does not exist or cannot be read");
        }
        String name = p.getOrDefault("Name", p.get("ObjectKey"));
        requireUniqueName(region, name);
        Image i = newImage(region, name);
        return "<imageId>" + i.id + "</imageId>";
    }

    // ---- helpers

    private void checkTagSpecs(Map<String, String> p) {
        if (refuseTagsOnCreate && p.keySet().stream().anyMatch(k -> k.startsWith("TagSpecification."))) {
            throw new Ec2Fault("UnknownParameter", "The parameter TagSpecification is not recognized");
        }
    }

    /** resource type → tags, from TagSpecification.N.ResourceType / .Tag.M.Key/Value. */
    private static Map<String, Map<String, String>> tagSpecs(Map<String, String> p) {
        Map<String, Map<String, String>> out = new HashMap<>();
        for (int n = 1; p.containsKey("TagSpecification." + n + ".ResourceType"); n++) {
            Map<String, String> tags = out.computeIfAbsent(p.get("TagSpecification." + n + ".ResourceType"), k -> new LinkedHashMap<>());
            for (int m = 1; p.containsKey("TagSpecification." + n + ".Tag." + m + ".Key"); m++) {
                tags.put(p.get("TagSpecification." + n + ".Tag." + m + ".Key"), p.getOrDefault("TagSpecification." + n + ".Tag." + m + ".Value", ""));
            }
        }
        return out;
    }

    private static Map<String, List<String>> filters(Map<String, String> p) {
        Map<String, List<String>> out = new HashMap<>();
        for (int n = 1; p.containsKey("Filter." + n + ".Name"); n++) {
            out.put(p.get("Filter." + n + ".Name"), indexed(p, "Filter." + n + ".Value"));
        }
        return out;
    }

    private static boolean matchesTags(Map<String, List<String>> filters, Map<String, String> tags) {
        for (Map.Entry<String, List<String>> f : filters.entrySet()) {
            if (f.getKey().startsWith("tag:") && !f.getValue().contains(tags.get(f.getKey().substring(4)))) {
                return false;
            }
        }
        return true;
    }

    private static List<String> indexed(Map<String, String> p, String prefix) {
        List<String> out = new ArrayList<>();
        for (int n = 1; p.containsKey(prefix + "." + n); n++) {
            out.add(p.get(prefix + "." + n));
        }
        return out;
    }

    private static boolean glob(String glob, String s) {
        return s.matches(Pattern.quote(glob).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q"));
    }

    private static String tagSet(Map<String, String> tags) {
        StringBuilder sb = new StringBuilder("<tagSet>");
        tags.forEach((k, v) -> sb.append("<item><key>").append(esc(k)).append("</key><value>").append(esc(v)).append("</value></item>"));
        return sb.append("</tagSet>").toString();
    }

    private String newId(String prefix) {
        return prefix + "-" + String.format("%017x", nextId++);
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
