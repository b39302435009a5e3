package dev.ferry.image.build;

import dev.ferry.error.FerryException;
import dev.ferry.image.Progress;
import dev.ferry.image.config.ImageConfig;
import dev.ferry.image.config.KeyChoice;
import dev.ferry.image.config.RootVolume;
import dev.ferry.image.config.SecurityGroupChoice;
import dev.ferry.image.config.SourceImage;
import dev.ferry.image.ec2.Ec2;
import dev.ferry.image.ec2.Ec2Clients;
import dev.ferry.image.ec2.Ec2Error;
import dev.ferry.image.ec2.Images;
import dev.ferry.image.ec2.Tags;
import dev.ferry.image.ec2.Waiter;
import dev.ferry.image.move.ImageCopy;
import dev.ferry.image.ssh.KeyFiles;
import java.security.KeyPair;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.EbsBlockDevice;
import software.amazon.awssdk.services.ec2.model.IamInstanceProfileSpecification;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterfaceSpecification;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * {@code ferry image build}: launch a builder with no public IP, bake it over SSH to its private IP, stop it, make
 * the AMI, wait for it (through EC2's "not found yet" window), copy it to the target regions, and always clean up.
 */
public final class ImageBuild {
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

    private final ImageConfig cfg;
    private final Ec2Clients clients;
    private final BuildOptions options;
    private final Progress progress;
    private final Waiter waiter;
    private final BakeTarget target;
    /** False once CreateImage was refused tags on create: the AMI and snapshots are then tagged when available. */
    private boolean imageTaggedOnCreate = true;

    public ImageBuild(ImageConfig cfg, Ec2Clients clients, BuildOptions options, Progress progress) {
        this(cfg, clients, options, progress, null);
    }

    ImageBuild(ImageConfig cfg, Ec2Clients clients, BuildOptions options, Progress progress, BakeTarget target) {
        this.cfg = cfg;
        this.clients = clients;
        this.options = options;
        this.progress = progress;
        this.waiter = new Waiter(cfg.waits().poll());
        this.target = target == null ? new SshBake(cfg, waiter, progress) : target;
    }

    /** The dry run: the same flow against a printing EC2 client, with the bake plan printed instead of run. */
    public static ImageBuild dryRun(ImageConfig cfg, java.io.PrintWriter out, BuildOptions options) {
        Ec2Clients printing = Ec2Clients.using(region -> new DryRunEc2Client(region, out));
        BakeTarget print = (ec2, instanceId, ip, key, plan) -> {
            out.println();
            out.println("# SSH " + cfg.ssh().user() + "@" + ip + ":" + cfg.ssh().port()
                    + cfg.ssh().bastion().map(b -> " via bastion " + b.user() + "@" + b.host() + ":" + b.port()).orElse("")
                    + ", host key checked against the console output fingerprints");
            out.print(plan.render());
            out.println();
            out.flush();
            return new HostKeyRecord(Optional.empty(), false);
        };
        return new ImageBuild(cfg, printing, options.withKeys(() -> DryRunEc2Client.PLACEHOLDER_KEY), Progress.silent(), print);
    }

    public BuildResult run() {
        Instant now = options.clock().get();
        String buildId = "ferry-" + ID_TIME.format(now) + "-" + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
        String name = cfg.imageName().render(now);
        Ec2 ec2 = clients.region(cfg.region());
        progress.info("build " + buildId + ": AMI '" + name + "' in " + cfg.region());

        Optional<Image> existing = Images.ownedByName(ec2, name);
        Resources r = new Resources(buildId);
        Cleanup cleanup = new Cleanup(clients, cfg.region(), waiter, cfg.waits(), progress);
        // Ctrl-C or a CI job timeout must not leak a builder either
        AtomicBoolean cleaned = new AtomicBoolean();
        Thread hook = new Thread(() -> {
            if (cleaned.compareAndSet(false, true)) {
                progress.warn("interrupted: cleaning up build " + buildId);
                cleanup.run(r, true, options.keepOnFailure());
            }
        }, "ferry-image-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        boolean failed = true;
        boolean skipped = false;
        Map<String, String> amis = new LinkedHashMap<>();
        HostKeyRecord hostKey = new HostKeyRecord(Optional.empty(), false);
        List<String> leftovers = List.of();
        try {
            if (existing.isPresent() && !options.force()) {
                BuildTags.requireComplete(existing.get(), cfg.region());
                progress.info("an AMI named '" + name + "' already exists in " + cfg.region() + " (" + existing.get().imageId()
                        + "): nothing to bake (use --force to rebuild it)");
                skipped = true;
                amis.putAll(copies(ec2, existing.get(), r));
            } else {
                hostKey = bake(ec2, r, name, existing, amis);
            }
            failed = false;
        } finally {
            if (cleaned.compareAndSet(false, true)) {
                leftovers = cleanup.run(r, failed, options.keepOnFailure());
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run
            }
        }
        return new BuildResult(buildId, name, skipped, amis, hostKey.fingerprint(), hostKey.verified(), leftovers);
    }

    /** Launches and bakes the builder, makes the AMI and its copies (into {@code amis}); returns the builder's host key. */
    private HostKeyRecord bake(Ec2 ec2, Resources r, String name, Optional<Image> existing, Map<String, String> amis) {
        // rendered before anything is created: a bad lock or an unreadable file costs no builder
        BakePlan plan = BakePlan.of(cfg.bake(), cfg.ssh());
        preflightKeys();
        Image source = source(ec2);
        progress.info("source AMI " + source.imageId() + " (" + source.name() + ")");
        KeyPair key = key(ec2, r);
        String group = group(ec2, r);
        Instance instance = launch(ec2, r, source, group);
        String ip = instance.privateIpAddress();
        progress.info("builder " + instance.instanceId() + " is running at private IP " + ip);

        HostKeyRecord hostKey = target.bake(ec2, instance.instanceId(), ip, key, plan);

        progress.info("stopping the builder before taking the image");
        ec2.call("StopInstances", () -> ec2.client().stopInstances(b -> b.instanceIds(instance.instanceId())));
        waitInstance(ec2, instance.instanceId(), InstanceStateName.STOPPED, cfg.waits().instanceStopped());

        if (existing.isPresent()) {
            progress.info("--force: deregistering the existing " + existing.get().imageId() + " named '" + name + "'");
            Images.deregister(ec2, existing.get().imageId(), Images.snapshotIds(existing.get()), Optional.empty(), waiter,
                    cfg.waits().image());
        }
        Image image = createImage(ec2, r, instance.instanceId(), name, source);
        amis.putAll(copies(ec2, image, r));
        return hostKey;
    }

    /** The AMI in its region plus a copy in each target region; a copy that fails is removed by cleanup, the AMI stays. */
    private Map<String, String> copies(Ec2 ec2, Image image, Resources r) {
        Map<String, String> amis = new LinkedHashMap<>();
        amis.put(cfg.region(), image.imageId());
        if (cfg.copyTo().isEmpty()) {
            return amis;
        }
        ImageCopy copy = new ImageCopy(clients, waiter, cfg.waits().copy(), progress);
        try {
            Map<String, String> tags = amiTags(r.buildId, image.imageId());
            tags.put(BuildTags.BUILD_STATE, BuildTags.COMPLETE); // ImageCopy tags a copy once it is available
            amis.putAll(copy.copy(ec2, image, cfg.copyTo(), tags, r.copies));
        } catch (FerryException e) {
            throw new FerryException(e.getMessage() + "; the AMI " + image.imageId() + " in " + cfg.region()
                    + " is complete and kept", "run the build again: it skips the bake and copies what is missing",
                    e.exitCode(), e);
        }
        return amis;
    }

    /** Private key files are read before anything is launched, so a wrong path costs no builder. */
    private void preflightKeys() {
        if (cfg.key() instanceof KeyChoice.Existing existing) {
            KeyFiles.load(existing.privateKeyFile());
        }
        cfg.ssh().bastion().flatMap(b -> b.privateKeyFile()).ifPresent(KeyFiles::load);
    }

    private Image source(Ec2 ec2) {
        if (cfg.source() instanceof SourceImage.ById byId) {
            return Images.find(ec2, byId.imageId()).orElseThrow(() -> FerryException.badInput("the source AMI " + byId.imageId()
                    + " does not exist in " + cfg.region() + " (or is not shared with this account)", "check source.ami in image.yaml"));
        }
        SourceImage.ByName byName = (SourceImage.ByName) cfg.source();
        return Images.newest(ec2, byName.namePattern(), byName.owners()).orElseThrow(() -> FerryException.badInput(
                "no available AMI named '" + byName.namePattern() + "' from owners " + byName.owners() + " in " + cfg.region(),
                "check source.name and source.owners in image.yaml"));
    }

    private KeyPair key(Ec2 ec2, Resources r) {
        if (cfg.key() instanceof KeyChoice.Existing existing) {
            return KeyFiles.load(existing.privateKeyFile());
        }
        KeyPair key = options.keys().get();
        String keyName = r.buildId;
        SdkBytes material = SdkBytes.fromUtf8String(KeyFiles.openSshPublicKey(key));
        tagOnCreate(ec2, "ImportKeyPair",
                specs -> ec2.client().importKeyPair(b -> b.keyName(keyName).publicKeyMaterial(material).tagSpecifications(specs)).keyPairId(),
                List.of(ResourceType.KEY_PAIR), resourceTags(r.buildId));
        r.temporaryKeyName = Optional.of(keyName);
        progress.info("imported the temporary key pair " + keyName);
        return key;
    }

    private String group(Ec2 ec2, Resources r) {
        if (cfg.securityGroup() instanceof SecurityGroupChoice.Existing existing) {
            return existing.groupId();
        }
        String cidr = ((SecurityGroupChoice.Temporary) cfg.securityGroup()).sshFromCidr();
        String vpc = ec2.call("DescribeSubnets", () -> ec2.client().describeSubnets(b -> b.subnetIds(cfg.subnetId())))
                .subnets().stream().findFirst().orElseThrow(() -> FerryException.badInput("subnet " + cfg.subnetId()
                        + " not found in " + cfg.region(), "check builder.subnet in image.yaml")).vpcId();
        String id = tagOnCreate(ec2, "CreateSecurityGroup", specs -> ec2.client().createSecurityGroup(b -> b
                        .groupName(r.buildId).vpcId(vpc).tagSpecifications(specs)
                        .description("ferry image build " + r.buildId + ": SSH from " + cidr + ", deleted after the build")).groupId(),
                List.of(ResourceType.SECURITY_GROUP), resourceTags(r.buildId));
        r.temporaryGroupId = Optional.of(id);
        ec2.call("AuthorizeSecurityGroupIngress", () -> ec2.client().authorizeSecurityGroupIngress(b -> b.groupId(id)
                .ipPermissions(IpPermission.builder().ipProtocol("tcp").fromPort(cfg.ssh().port()).toPort(cfg.ssh().port())
                        .ipRanges(IpRange.builder().cidrIp(cidr).description("ferry image build SSH").build()).build())));
        progress.info("created the temporary security group " + id + " (SSH from " + cidr + ")");
        return id;
    }

    private Instance launch(Ec2 ec2, Resources r, Image source, String group) {
        String keyName = cfg.key() instanceof KeyChoice.Existing e ? e.keyName() : r.buildId;
        // No public IP, ever: subnet, groups and AssociatePublicIpAddress=false go inside the primary network
        // interface; an instance-level SubnetId/SecurityGroupId next to it is rejected by EC2 (REFERENCE §5).
        RunInstancesRequest.Builder request = RunInstancesRequest.builder()
                .imageId(source.imageId()).instanceType(cfg.instanceType()).minCount(1).maxCount(1).keyName(keyName)
                .networkInterfaces(InstanceNetworkInterfaceSpecification.builder().deviceIndex(0).subnetId(cfg.subnetId())
                        .groups(group).associatePublicIpAddress(false).deleteOnTermination(true).build());
        cfg.instanceProfile().ifPresent(p -> request.iamInstanceProfile(IamInstanceProfileSpecification.builder().name(p).build()));
        RootVolume root = cfg.rootVolume();
        if (root.changesSource()) {
            EbsBlockDevice.Builder ebs = EbsBlockDevice.builder().deleteOnTermination(true);
            root.sizeGiB().ifPresent(ebs::volumeSize);
            if (root.encrypted()) {
                ebs.encrypted(true);
                root.kmsKeyId().ifPresent(ebs::kmsKeyId);
            }
            request.blockDeviceMappings(BlockDeviceMapping.builder().deviceName(source.rootDeviceName()).ebs(ebs.build()).build());
        }
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("Name", "ferry image builder " + r.buildId);
        tags.put("k8s.io/role/imagebuilder", "1");
        tags.putAll(resourceTags(r.buildId));
        progress.info("launching the builder (" + cfg.instanceType() + " in " + cfg.subnetId() + ", no public IP)");
        String id;
        r.launchInDoubt = true;
        try {
            id = tagOnCreate(ec2, "RunInstances", specs -> {
                // idempotent: a retried RunInstances never starts a second builder
                String token = r.buildId + "-" + (r.launchTokens.size() + 1);
                r.launchTokens.add(token);
                return ec2.client().runInstances(request.clientToken(token).tagSpecifications(specs).build()).instances().get(0).instanceId();
            }, List.of(ResourceType.INSTANCE, ResourceType.VOLUME), tags);
        } catch (Ec2Error e) {
            r.launchInDoubt = e.outcomeUnknown();
            if (!e.outcomeUnknown()) {
                throw e;
            }
            String token = r.launchTokens.get(r.launchTokens.size() - 1);
            progress.warn("no answer from RunInstances (" + e.getMessage() + "); looking for a builder launched with client token "
                    + token + " (at most " + Waiter.human(cfg.waits().instanceRunning()) + ")");
            Optional<String> found = CreatedByBuild.instance(ec2, r.buildId, token, waiter, cfg.waits().instanceRunning());
            r.launchInDoubt = false; // found, or looked for as long as a launch may take
            id = found.orElseThrow(() -> e);
            progress.info("found the builder " + id + ": EC2 had launched it, its answer was lost");
        }
        r.instanceId = Optional.of(id);
        r.launchInDoubt = false;
        return waitInstance(ec2, id, InstanceStateName.RUNNING, cfg.waits().instanceRunning());
    }

    private Image createImage(Ec2 ec2, Resources r, String instanceId, String name, Image source) {
        Map<String, String> tags = amiTags(r.buildId, source.imageId());
        progress.info("creating the AMI '" + name + "'");
        String imageId;
        r.imageInDoubt = true;
        try {
            imageId = tagOnCreate(ec2, "CreateImage", specs -> ec2.client().createImage(b -> b.instanceId(instanceId)
                            .name(name).description(cfg.description().orElse("built by ferry image build " + r.buildId))
                            .tagSpecifications(specs)).imageId(),
                    List.of(ResourceType.IMAGE, ResourceType.SNAPSHOT), tags);
        } catch (Ec2Error e) {
            // CreateImage has no client token: after a lost answer, the SDK's retry finds the name taken by this very AMI
            boolean maybeMade = e.outcomeUnknown() || e.is("InvalidAMIName.Duplicate");
            r.imageInDoubt = maybeMade;
            if (!maybeMade) {
                throw e;
            }
            progress.warn("CreateImage failed (" + e.getMessage() + "); looking for an AMI '" + name + "' made by this build");
            Optional<Image> holder = CreatedByBuild.image(ec2, name, waiter, cfg.waits().image());
            r.imageInDoubt = false; // who holds the name is known, or it was looked for as long as an AMI may take
            if (holder.isPresent() && !CreatedByBuild.madeBy(holder.get(), r.buildId)) {
                throw CreatedByBuild.nameTaken(ec2, holder.get(), r.buildId);
            }
            imageId = holder.orElseThrow(() -> e).imageId();
            progress.info("found " + imageId + ": EC2 had made it, its answer was lost");
        }
        r.imageId = Optional.of(imageId);
        r.imageInDoubt = false;
        Image image = Images.waitAvailable(ec2, imageId, waiter, cfg.waits().image(), progress);
        r.snapshotIds.addAll(Images.snapshotIds(image));
        if (!imageTaggedOnCreate) {
            List<String> ids = new ArrayList<>(r.snapshotIds);
            ids.add(0, imageId);
            Tags.apply(ec2, ids, tags);
        }
        // the mark a re-run trusts: only an AMI that got this far is ever taken for a finished one
        Tags.apply(ec2, List.of(imageId), Map.of(BuildTags.BUILD_STATE, BuildTags.COMPLETE));
        r.imageComplete = true;
        progress.info("AMI " + imageId + " is available in " + cfg.region());
        return image;
    }

    /**
     * Calls a create action with TagSpecifications; where the region refuses tags on create, calls it again without
     * them and tags the new resource afterwards (an image: once it is available).
     */
    private String tagOnCreate(Ec2 ec2, String action, Function<List<TagSpecification>, String> create,
                               List<ResourceType> types, Map<String, String> tags) {
        try {
            return ec2.call(action, () -> create.apply(Tags.on(tags, types.toArray(ResourceType[]::new))));
        } catch (Ec2Error e) {
            if (!Tags.refusedOnCreate(e)) {
                throw e;
            }
            progress.warn(action + " refused tags on create in " + ec2.region() + " (" + e.code() + "); tagging after create");
            String id = ec2.call(action, () -> create.apply(List.of()));
            if (types.contains(ResourceType.IMAGE)) {
                imageTaggedOnCreate = false;
            } else {
                Tags.apply(ec2, List.of(id), tags);
            }
            return id;
        }
    }

    private Instance waitInstance(Ec2 ec2, String id, InstanceStateName wanted, java.time.Duration timeout) {
        progress.info("waiting for " + id + " to be " + wanted + " (at most " + Waiter.human(timeout) + ")");
        return waiter.until(id + " to be " + wanted, timeout, "raise waits in image.yaml if EC2 is slow here", () -> {
            Optional<Instance> found;
            try {
                found = ec2.call("DescribeInstances", () -> ec2.client().describeInstances(b -> b.instanceIds(id)))
                        .reservations().stream().flatMap(res -> res.instances().stream()).findFirst();
            } catch (Ec2Error e) {
                if (e.is("InvalidInstanceID.NotFound")) {
                    return Optional.empty(); // just launched: not visible yet
                }
                throw e;
            }
            if (found.isEmpty()) {
                return Optional.empty();
            }
            Instance i = found.get();
            InstanceStateName state = i.state().name();
            if (state == wanted) {
                return found;
            }
            if (state == InstanceStateName.TERMINATED || state == InstanceStateName.SHUTTING_DOWN
                    || (wanted == InstanceStateName.RUNNING && state != InstanceStateName.PENDING)) {
                String reason = i.stateReason() == null ? i.stateTransitionReason() : i.stateReason().message();
                throw new FerryException("the builder " + id + " is " + i.state().nameAsString() + " instead of " + wanted
                        + (reason == null || reason.isBlank() ? "" : " (" + reason + ")"),
                        "check the instance type, the subnet's capacity and the KMS key permissions, then build again");
            }
            return Optional.empty();
        });
    }

    private Map<String, String> resourceTags(String buildId) {
        Map<String, String> tags = new LinkedHashMap<>(cfg.tags());
        tags.put(BuildTags.BUILD_ID, buildId);
        return tags;
    }

    private Map<String, String> amiTags(String buildId, String sourceImageId) {
        Map<String, String> tags = resourceTags(buildId);
        tags.put("ferry.source-ami", sourceImageId);
        return tags;
    }

}
