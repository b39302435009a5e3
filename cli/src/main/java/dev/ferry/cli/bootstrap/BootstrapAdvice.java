package dev.ferry.cli.bootstrap;

import dev.ferry.bootstrap.maxpods.LimitsUnavailable;
import dev.ferry.bootstrap.render.RenderRefused;
import dev.ferry.error.FerryException;
import dev.ferry.mirror.asset.AssetKind;
import java.util.Optional;

/** What to do about a bootstrap failure, with the flags of the bootstrap (and vpc check) commands that fix it. */
public final class BootstrapAdvice {
    private BootstrapAdvice() {}

    /** The advice for {@code e}, when it is a bootstrap failure whose fix is a flag. */
    public static Optional<String> whatToDo(FerryException e) {
        if (e instanceof RenderRefused r) {
            return Optional.of(render(r));
        }
        if (e instanceof LimitsUnavailable l) {
            return Optional.of(limits(l));
        }
        return Optional.empty();
    }

    private static String render(RenderRefused r) {
        String arch = r.arch().map(a -> a.id()).orElse("amd64");
        return switch (r.reason()) {
            case NO_ARCH_IN_LOCK -> "plan the lock with --arch amd64 (or arm64)";
            case NOT_IN_LOCK -> "plan the lock with --arch " + arch + (r.kind().equals(Optional.of(AssetKind.NODEUP)) ? " and --kops VERSION" : "")
                    + ", or render for the arches the lock holds (--arch)";
            case SEVERAL_IN_LOCK -> r.kind().filter(k -> k.equals(AssetKind.KUBELET) || k.equals(AssetKind.KUBECTL)).isPresent()
                    ? "choose one with --kubernetes VERSION" : r.hint().orElse("");
            case MAX_PODS_NEEDED -> "give --instance-type TYPE (computed) or --max-pods N; see ferry bootstrap max-pods";
            case TOO_LARGE -> "render one architecture (--arch), use fewer mirror URLs or registry mirrors, or --format script (smaller than cloud-init)";
        };
    }

    private static String limits(LimitsUnavailable l) {
        return switch (l.reason()) {
            case UNKNOWN_TYPE -> "check the spelling, that the type exists in this region, or give another source (--instance-types-file or --region)";
            case EC2_REFUSED -> "check the credentials allow ec2:DescribeInstanceTypes, or use --instance-types-file";
            case EC2_UNREACHABLE -> "without API access, run `aws ec2 describe-instance-types --output json > types.json` where you can"
                    + " and give --instance-types-file types.json";
            case EC2_INCOMPLETE -> "use --instance-types-file with the output of aws ec2 describe-instance-types";
        };
    }
}
