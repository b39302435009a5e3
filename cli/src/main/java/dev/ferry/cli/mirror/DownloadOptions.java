package dev.ferry.cli.mirror;

import dev.ferry.cli.Ferry;
import dev.ferry.cli.JobsOption;
import dev.ferry.cli.VerboseOption;
import dev.ferry.error.FerryException;
import dev.ferry.mirror.fetch.FetchOptions;
import dev.ferry.mirror.fetch.Fetcher;
import dev.ferry.mirror.signature.SignaturePolicy;
import dev.ferry.mirror.signature.TrustedSigners;
import dev.ferry.progress.Progress;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * How the commands that download do it (sync, pack, plan --resolve, lock pin and verify): the verified cache, the
 * proxy, retries and timeouts, which signatures must verify, how many at once, and how their failures are listed.
 */
public final class DownloadOptions {

    @Mixin
    JobsOption jobs;

    @Mixin
    VerboseOption verbose;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--cache", paramLabel = "DIR", description = "Cache of verified downloads, shared by sync and pack. Default: ~/.cache/ferry")
    Path cache;

    @Option(names = "--proxy", paramLabel = "URL", description = "HTTP proxy for downloads, e.g. http://proxy:3128 (default: HTTPS_PROXY / HTTP_PROXY, honouring NO_PROXY).")
    String proxy;

    @Option(names = "--retries", paramLabel = "N", description = "Retries per source on timeouts, resets and 5xx (default: ${DEFAULT-VALUE}).")
    int retries = 4;

    @Option(names = "--timeout", paramLabel = "DURATION", description = "Give up on a read that stalls this long: 60s, 2m; a bare number is seconds (default: 60s).")
    Duration timeout = Duration.ofSeconds(60);

    @Option(names = "--verify-signatures", paramLabel = "POLICY",
            description = "Where upstream signs (runc, Kubernetes on dl.k8s.io, ferry.yaml signature+keyring): available (default) verifies what is signed and fails a file whose signature is refused or missing; required also fails unsigned files; off checks hashes only.")
    SignaturePolicy verifySignatures = SignaturePolicy.AVAILABLE;

    /** The first retry's delay; tests shorten it. */
    @Option(names = "--retry-delay-ms", hidden = true)
    long retryDelayMillis = 1000;

    /** {@code --jobs}: how many downloads (or checks) run at once. */
    public int jobs() {
        return jobs.value();
    }

    /** {@code -v}: list every failure with its whole reason. */
    public boolean verbose() {
        return verbose.value();
    }

    /** The command's stderr, where downloads report. */
    PrintWriter err() {
        return command.commandLine().getErr();
    }

    /** The command these options belong to. */
    CommandSpec command() {
        return command;
    }

    /** A fetcher with these settings, {@code --jobs} transfers at once, proxies from the command's environment. */
    public Fetcher fetcher(Progress progress) {
        return fetcher(jobs(), Ferry.environment(command), progress);
    }

    /** A fetcher with these settings and {@code --verify-signatures}, trusting the signers Ferry ships. */
    public Fetcher fetcher(int jobs, Map<String, String> env, Progress progress) {
        return new Fetcher(fetchOptions(jobs, env), verifySignatures, TrustedSigners::upstream, progress);
    }

    /** The download settings for {@code jobs} parallel transfers, proxies read from {@code env}. */
    public FetchOptions fetchOptions(int jobs, Map<String, String> env) {
        if (retries < 0 || timeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw FerryException.badInput("--retries must be 0 or more and --timeout at least 1s", "e.g. --retries 4 --timeout 60s");
        }
        return new FetchOptions(cache != null ? cache : FetchOptions.defaultCacheDir(env), Optional.ofNullable(proxy),
                retries, Duration.ofMillis(retryDelayMillis), timeout, jobs, env);
    }
}
