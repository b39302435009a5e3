package dev.ferry.cli.mirror;

import dev.ferry.cli.Ferry;
import dev.ferry.cli.TerminalProgress;
import dev.ferry.mirror.lock.Lock;
import dev.ferry.mirror.verify.Problem;
import dev.ferry.mirror.verify.ProblemKind;
import dev.ferry.progress.Progress;
import dev.ferry.registry.check.CheckReport;
import dev.ferry.registry.check.Finding;
import dev.ferry.registry.check.RegistryCheck;
import dev.ferry.registry.ref.ImageNaming;
import dev.ferry.registry.ref.RegistryTarget;
import dev.ferry.registry.ref.TargetNames;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;

/**
 * The images half of {@code verify --registry}: every image of the lock looked for under the name kOps will ask
 * for, and each thing wrong turned into a problem of the verify table, with its fix.
 */
final class ImageVerify {
    /**
     * @param report    what the check found
     * @param problems  the same, as the verify table lists them
     * @param anonymous checked without credentials
     */
    record Result(CheckReport report, ImageNaming naming, List<Problem> problems, boolean anonymous) {
        Result {
            problems = List.copyOf(problems);
        }

        long imagesWithProblems() {
            return problems.stream().map(Problem::key).distinct().count();
        }
    }

    private ImageVerify() {}

    /**
     * Checks the lock's images in {@code target} as the flags say: through credentials (config.json, ECR with
     * {@code profile}) or, {@code anonymous}, without any; {@code lockFile} is quoted in the fixes.
     */
    static Result check(Lock lock, Path lockFile, RegistryTarget target, RegistryOptions registry, RegistryAccessOptions options,
                        Optional<String> profile, int jobs, boolean anonymous, CommandLine.Model.CommandSpec spec) {
        String sync = "ferry mirror sync --lock " + lockFile + " " + registry.flags();
        try (ImageAccess access = ImageAccess.open(options, new DownloadOptions(), List.of(), Optional.of(target), profile, jobs,
                Ferry.environment(spec), anonymous);
             TerminalProgress terminal = TerminalProgress.transfers(spec.commandLine().getErr())) {
            return run(lock, target, registry.naming(), access, jobs, anonymous, sync, Progress.root("verify images", terminal));
        }
    }

    /** {@code sync} is the command that copies the images there, quoted in fixes. */
    static Result run(Lock lock, RegistryTarget target, ImageNaming naming, ImageAccess access, int jobs, boolean anonymous, String sync,
                      Progress progress) {
        CheckReport report = new RegistryCheck(access.registry(), jobs)
                .check(TargetNames.map(ImagePins.requests(lock.images()), target, naming), target, progress);
        List<Problem> problems = report.findings().stream().map(f -> problem(f, anonymous, sync)).toList();
        return new Result(report, naming, problems, anonymous);
    }

    private static Problem problem(Finding f, boolean anonymous, String sync) {
        String detail = f.image().equals(f.target()) ? f.detail() : f.image() + ": " + f.detail();
        return switch (f.kind()) {
            case MISSING_IMAGE -> new Problem(f.target(), ProblemKind.MISSING_IMAGE, detail, "copy it: " + sync);
            case WRONG_DIGEST -> new Problem(f.target(), ProblemKind.WRONG_IMAGE_DIGEST, detail, "copy it again (the pinned digest is written "
                    + "under the name): " + sync + "; if upstream moved the tag on purpose, plan again and review the new digest");
            case MISSING_PLATFORM -> new Problem(f.target(), ProblemKind.MISSING_PLATFORM, detail,
                    "re-check every manifest and blob of the image and send what is missing: " + sync + " --force");
            case MISSING_BLOB -> new Problem(f.target(), ProblemKind.MISSING_BLOB, detail,
                    "re-check every blob of the image and send what is missing: " + sync + " --force");
            case NOT_PULLABLE -> anonymous
                    ? new Problem(f.target(), ProblemKind.IMAGE_NOT_PUBLIC, detail, "let anonymous clients pull there (a public Harbor "
                    + "project, a registry without auth): containerd pulls the sandbox image (pause) without credentials. ECR always wants "
                    + "a token: see docs/images.md")
                    : new Problem(f.target(), ProblemKind.REGISTRY_ERROR, detail, f.hint().isEmpty() ? "check the credentials" : f.hint());
            case UNREADABLE -> new Problem(f.target(), ProblemKind.REGISTRY_ERROR, detail, f.hint().isEmpty() ? "check the registry" : f.hint());
        };
    }
}
