package dev.ferry.cli.mirror;

import dev.ferry.cli.Ferry;
import dev.ferry.cli.LayoutOption;
import dev.ferry.cli.OutputOption;
import dev.ferry.cli.TerminalProgress;
import dev.ferry.cli.VerboseOption;
import dev.ferry.error.FerryException;
import dev.ferry.mirror.bundle.BundlePush;
import dev.ferry.mirror.bundle.BundleReader;
import dev.ferry.mirror.bundle.BundleSource;
import dev.ferry.mirror.bundle.StagingFolder;
import dev.ferry.mirror.lock.LockFile;
import dev.ferry.mirror.store.MirrorStore;
import dev.ferry.mirror.store.MirrorTarget;
import dev.ferry.progress.Progress;
import dev.ferry.registry.ref.RegistryTarget;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry mirror push}: publish a bundle into a folder or bucket on the disconnected side. */
@Command(name = "push",
        header = "Verify a bundle and publish its files into a folder or an S3 bucket, its images into a registry.",
        mixinStandardHelpOptions = true,
        description = {
            "Publish a bundle made by `ferry mirror pack` into a folder or an S3 bucket,",
            "on the side without internet. Checks each part's sha256 first, then every",
            "asset's bytes against the lock carried in the bundle, and only then publishes",
            "it: the object, then its sidecar (.sha256; .sha1 for the legacy layout).",
            "Assets already there with a matching sidecar are skipped (given --acl when",
            "theirs differs), so an interrupted push is simply run again. Damaged or",
            "edited entries are named and refused. Upstream signatures are not checked",
            "again: pack checked them over these very bytes, which must match the lock's",
            "sha256 (with --lock, the lock reviewed on this side).",
            "With --registry, the bundle's images are pushed too (named by kOps's rule,",
            "as sync names them): each blob checked against the header as it leaves",
            "the bundle and again as it is uploaded; blobs, then manifests, then the",
            "tag, so a damaged image is never tagged. Blobs already there are skipped.",
            "--registry alone pushes only the images; give --to as well for the files.",
            "",
            "Examples:",
            "  ferry mirror push ferry-bundle.tar.zst --to file:/srv/mirror",
            "  ferry mirror push ferry-bundle.tar.zst.parts.json --lock ferry.lock \\",
            "      --to s3://my-bucket/kops --region cn-north-1 --acl public-read",
            "  ferry mirror push ferry-bundle.tar.zst.parts.json --to s3://my-bucket/kops \\",
            "      --registry 123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/kops",
            "  ferry mirror push ferry-bundle.tar.zst --registry http://10.0.0.5:5000",
            "  ferry mirror push ferry-bundle.tar.zst --registry oci:/srv/mirror/images"})
public final class PushCommand implements Callable<Integer> {

    @Mixin
    BundleArgument bundle;

    @Mixin
    TargetOptions where;

    @Mixin
    AclOption acl;

    @Mixin
    LayoutOption layout;

    @Option(names = "--lock", paramLabel = "FILE",
            description = "The lock reviewed on this side: refuse the bundle unless it carries exactly this lock.")
    Path lock;

    @Mixin
    PushJobs jobs;

    @Option(names = "--staging", paramLabel = "DIR",
            description = "Where verified assets wait for upload; needs room for --jobs assets (default: a temporary folder, removed after).")
    Path staging;

    @Mixin
    RegistryOptions registry;

    @Mixin
    RegistryAccessOptions registryAccess;

    @Option(names = "--ecr-public-read", description = "Give each ECR repository Ferry creates a policy that lets any AWS account pull from it.")
    boolean ecrPublicRead;

    @Mixin
    OutputOption output;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() {
        BundleSource source = bundle.locate();
        Optional<ImageSync.Planned> planned = registry.target().map(t -> plan(source, t));
        where.withImages(planned.isPresent());
        Optional<MirrorTarget> target = planned.isEmpty() || where.given() ? Optional.of(where.target()) : Optional.empty();
        PrintWriter out = output.out();
        PrintWriter err = output.err();
        long start = System.nanoTime();
        try (StagingFolder staged = StagingFolder.temporaryIn(Optional.ofNullable(staging), "ferry-images-");
             TerminalProgress terminal = TerminalProgress.transfers(err)) {
            Optional<Path> images = planned.filter(p -> !p.mappings().isEmpty()).map(p -> staged.path());
            PushView.starting(source, target, planned.filter(p -> images.isPresent()), err);
            BundlePush.Result result = publish(source, target, new BundlePush.Options(layout.value(),
                    Optional.ofNullable(lock).map(LockFile::bytes), Optional.ofNullable(staging), jobs.value(), images), Progress.root("push", terminal));
            Optional<ImageSync.Result> copied = images.filter(l -> Files.isRegularFile(l.resolve("index.json")))
                    .map(l -> copy(planned.get(), l, Progress.root("pushing images", terminal)));
            PushView.print(new PushView.Run(source, target.map(Object::toString), result, copied, (System.nanoTime() - start) / 1e9),
                    output.json(), verbose.value(), out);
            PushView.problems(result.problems(), copied, verbose.value(), err);
            boolean imagesOk = copied.map(r -> !r.report().failed()).orElse(images.isEmpty());
            return result.problems().isEmpty() && imagesOk ? 0 : FerryException.FAILED;
        }
    }

    /** The names are worked out from the header before the bundle is read: a collision is refused before anything moves. */
    private ImageSync.Planned plan(BundleSource source, RegistryTarget t) {
        try (BundleReader reader = BundleReader.openForListing(source)) {
            return ImagePush.plan(reader.header(), t, registry.naming());
        }
    }

    private BundlePush.Result publish(BundleSource source, Optional<MirrorTarget> target, BundlePush.Options options, Progress progress) {
        if (target.isEmpty()) {
            return BundlePush.push(source, Optional.empty(), options, progress);
        }
        try (MirrorStore store = target.get().open(where.s3(target.get(), acl))) {
            return BundlePush.push(source, store, options, progress);
        }
    }

    private ImageSync.Result copy(ImageSync.Planned p, Path layout, Progress progress) {
        try (ImageAccess access = ImageAccess.open(registryAccess, new DownloadOptions(), List.of(), Optional.of(p.target()), where.profile(),
                jobs.value(), Ferry.environment(output.command()), false)) {
            return ImagePush.run(p, layout, access, jobs.value(), ecrPublicRead, progress);
        }
    }
}
