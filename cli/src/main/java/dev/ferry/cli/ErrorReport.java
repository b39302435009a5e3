package dev.ferry.cli;

import dev.ferry.cli.bootstrap.BootstrapAdvice;
import dev.ferry.cli.image.ImageAdvice;
import dev.ferry.cli.vpc.VpcAdvice;
import dev.ferry.error.FailureGroups;
import dev.ferry.error.FerryException;
import dev.ferry.error.NetworkFailure;
import dev.ferry.error.NoHashKnown;
import dev.ferry.error.Unreachable;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * How a failure reaches the user: "error: what failed", then "what to do". The library says what failed and
 * what to do in its own terms; here (and in each command group's advice: bootstrap, image, vpc) the kinds of
 * failure get the flags that fix them. A failure Ferry did not expect is a bug and says so, with its stack trace.
 */
final class ErrorReport {
    private ErrorReport() {}

    static int print(Exception e, PrintWriter err) {
        Throwable t = e;
        if (t instanceof CommandLine.ExecutionException && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof FerryException fe) {
            err.println("error: " + fe.getMessage());
            whatToDo(fe).ifPresent(h -> err.println("  what to do: " + h));
            err.flush();
            return fe.exitCode();
        }
        err.println("error: unexpected failure: " + NetworkFailure.withoutClassNames(String.valueOf(t.getMessage())));
        err.println("  this is a bug in Ferry; the stack trace follows");
        t.printStackTrace(err);
        err.flush();
        return FerryException.FAILED;
    }

    /** The advice for a failure: the library's hint, sharpened with the flags that apply to its kind. */
    static Optional<String> whatToDo(FerryException e) {
        Optional<String> byModule = Stream.<Function<FerryException, Optional<String>>>of(BootstrapAdvice::whatToDo, ImageAdvice::whatToDo,
                VpcAdvice::whatToDo).map(a -> a.apply(e)).flatMap(Optional::stream).findFirst();
        if (byModule.isPresent()) {
            return byModule;
        }
        Optional<NetworkFailure> network = FailureGroups.networkOf(e);
        if (network.isPresent()) {
            return Optional.of(network(network.get()) + (e instanceof Unreachable ? e.hint().map(h -> "; " + h).orElse("") : ""));
        }
        if (e instanceof NoHashKnown) {
            return Optional.of(e.hint().orElse("") + (e.hint().isPresent() ? "; " : "")
                    + "pin the sha256 in ferry.yaml (sha256: …) or in the lock, then run again");
        }
        return e.hint();
    }

    /** What to check for a network failure of this kind. */
    static String network(NetworkFailure f) {
        return network(f.kind(), f.status(), List.of(f.host()));
    }

    /** What to check for network failures of one kind (and HTTP status) at these hosts. */
    static String network(NetworkFailure.Kind kind, int status, List<String> hosts) {
        String names = String.join(", ", hosts);
        return switch (kind) {
            case UNKNOWN_HOST -> "this machine cannot resolve " + names
                    + ": check DNS, or send downloads through a proxy (--proxy URL, or HTTPS_PROXY) or a --source-mirror";
            case REFUSED, NO_ROUTE, TIMED_OUT, RESET, TLS, OTHER -> "check the network path to " + names
                    + " (firewall, --proxy or HTTPS_PROXY/NO_PROXY); run the same command again to resume";
            case HTTP_STATUS -> status == 404 ? "check the URL, the version asked for, or the source mirror's contents"
                    : status == 403 || status == 401 ? "the server refused access: check credentials or the bucket policy"
                    : "the server failed: run the same command again later";
        };
    }
}
