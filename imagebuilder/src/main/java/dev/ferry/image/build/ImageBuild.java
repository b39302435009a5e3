package dev.ferry.image.build;

import dev.ferry.image.config.ImageConfig;
import dev.ferry.image.ec2.Ec2;
import dev.ferry.image.ec2.Ec2Clients;
import dev.ferry.image.ec2.Images;
import dev.ferry.image.ec2.Waiter;
import dev.ferry.progress.Progress;
import java.security.KeyPair;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

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
        Ec2Clients printing = Ec2Clients.using(region -> DryRunEc2Client.printing(region, out));
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
        return new ImageBuild(cfg, printing, options.withKeys(() -> DryRunEc2Client.PLACEHOLDER_KEY), Progress.none(), print);
    }

    public BuildResult run() {
        Instant now = options.clock().get();
        String buildId = "ferry-" + ID_TIME.format(now) + "-" + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
        String name = cfg.imageName().render(now);
        Ec2 ec2 = clients.region(cfg.region());
        progress.info("build " + buildId + ": AMI '" + name + "' in " + cfg.region());

        Optional<Image> existing = Images.ownedByName(ec2, name);
        Resources r = new Resources(buildId);
        BuildContext b = new BuildContext(cfg, clients, ec2, options, progress, waiter, r, new TagOnCreate(progress));
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
                        + "): nothing to bake");
                skipped = true;
                amis.putAll(CopyAmi.run(b, existing.get()));
            } else {
                hostKey = bake(b, name, existing, amis);
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
    private HostKeyRecord bake(BuildContext b, String name, Optional<Image> existing, Map<String, String> amis) {
        // rendered before anything is created: a bad lock or an unreadable file costs no builder
        BakePlan plan = BakePlan.of(cfg.bake(), cfg.ssh());
        BuilderKey.preflight(b);
        Image source = FindSourceImage.run(b);
        KeyPair key = BuilderKey.run(b);
        String group = BuilderSecurityGroup.run(b);
        Instance instance = LaunchBuilder.run(b, source, group);
        String ip = instance.privateIpAddress();
        progress.info("builder " + instance.instanceId() + " is running at private IP " + ip);

        HostKeyRecord hostKey = target.bake(b.ec2(), instance.instanceId(), ip, key, plan);

        progress.info("stopping the builder before taking the image");
        b.ec2().call("StopInstances", () -> b.ec2().client().stopInstances(r -> r.instanceIds(instance.instanceId())));
        BuilderState.await(b, instance.instanceId(), InstanceStateName.STOPPED, cfg.waits().instanceStopped());

        if (existing.isPresent()) {
            progress.info("rebuilding over it: deregistering the existing " + existing.get().imageId() + " named '" + name + "'");
            Images.deregister(b.ec2(), existing.get().imageId(), Images.snapshotIds(existing.get()), Optional.empty(), waiter,
                    cfg.waits().image());
        }
        Image image = CreateAmi.run(b, instance.instanceId(), name, source);
        amis.putAll(CopyAmi.run(b, image));
        return hostKey;
    }
}
