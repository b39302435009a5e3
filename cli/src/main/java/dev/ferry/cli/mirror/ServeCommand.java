package dev.ferry.cli.mirror;

import dev.ferry.mirror.serve.MirrorServer;
import dev.ferry.registry.serve.RegistryApi;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ferry mirror serve}: a read-only HTTP server over a mirror folder, for LANs with no S3 and no registry. */
@Command(name = "serve",
        header = "Serve a mirror folder read-only over HTTP, for air-gapped LANs with no S3.",
        mixinStandardHelpOptions = true,
        description = {
            "GET and HEAD, Range requests, Content-Length and Last-Modified.",
            "It also answers the read-only registry API (/v2/) for the images in OCI",
            "image layouts in the folder or directly under it (sync --registry",
            "oci:DIR/images): kOps's containerProxy and a containerd mirror of",
            "registry.k8s.io find registry.k8s.io/pause:3.10.1 as HOST:PORT/pause:3.10.1",
            "(docs/verify-and-serve.md lists every name). /v2/ is never a file path.",
            "Refused and logged: paths that try to leave the folder (.., encoded or",
            "not), symlinks pointing outside it, and hidden names (.ferry-tmp-*).",
            "Folders are not listed unless --list is given. A client that takes longer",
            "than --header-timeout to send its request is disconnected, so slow or",
            "stalled clients cannot hold every --threads worker.",
            "Every request is logged on stderr. Stop with Ctrl-C.",
            "",
            "Examples:",
            "  ferry mirror serve --dir ./mirror --bind 0.0.0.0 --port 8080",
            "  ferry mirror env --public-url http://10.0.0.5:8080 --kops 1.30.4 \\",
            "      --registry http://10.0.0.5:8080"})
public final class ServeCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    @Option(names = "--dir", paramLabel = "DIR", description = "The mirror folder (what `ferry mirror sync --to file:DIR` wrote). Default: ./mirror.")
    Path dir = Path.of("mirror");

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "Address to listen on. Default: 127.0.0.1; use 0.0.0.0 to serve the LAN.")
    String bind = "127.0.0.1";

    @Option(names = "--port", paramLabel = "PORT", description = "TCP port. Default: 8080; 0 picks a free one.")
    int port = 8080;

    @Option(names = "--list", description = "Answer folder requests with an HTML listing (off by default).")
    boolean list;

    @Option(names = "--threads", paramLabel = "N", description = "Requests served at once; more wait in line. Default: 64.")
    int threads = 64;

    @Option(names = "--header-timeout", paramLabel = "SECONDS",
            description = "Disconnect a client that has not sent its whole request (line and headers) this long after starting it. Default: 10.")
    int headerTimeout = (int) MirrorServer.Options.DEFAULT_HEADER_TIMEOUT.toSeconds();

    @Option(names = "--idle-timeout", paramLabel = "SECONDS", description = "Close a connection that has had no request for this long. Default: 30.")
    int idleTimeout = (int) MirrorServer.Options.DEFAULT_IDLE_TIMEOUT.toSeconds();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        CountDownLatch stopped = new CountDownLatch(1);
        Consumer<String> log = line -> {
            synchronized (err) {
                err.println(LocalTime.now().format(TIME) + " " + line);
                err.flush();
            }
        };
        RegistryApi images = RegistryApi.over(dir, log);
        try (MirrorServer server = MirrorServer.start(new MirrorServer.Options(dir, bind, port, list, threads,
                Duration.ofSeconds(headerTimeout), Duration.ofSeconds(idleTimeout)), log, Map.of(RegistryApi.CONTEXT, images))) {
            Thread hook = new Thread(stopped::countDown, "ferry-serve-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            PrintWriter out = spec.commandLine().getOut();
            out.printf("Serving %s read-only at %s%s (Ctrl-C to stop)%n", server.root(), server.url(),
                    list ? ", with folder listings" : "");
            out.printf("Registry API at %s/v2/: %s%n", server.url(), images.holding());
            if (bind.equals("127.0.0.1") || bind.equals("localhost")) {
                out.println("Only this machine can connect; add --bind 0.0.0.0 to serve the LAN.");
            }
            out.flush();
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // an embedding caller asked us to stop
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the JVM is exiting anyway
                }
            }
        }
        return 0;
    }
}
