package dev.ferry.registry.support;

import dev.ferry.http.HttpClient;
import dev.ferry.progress.Progress;
import dev.ferry.registry.RegistryAccess;
import dev.ferry.registry.RegistryMirror;
import dev.ferry.registry.auth.CredentialStore;
import dev.ferry.registry.client.RegistryEndpoint;
import dev.ferry.registry.client.UploadStyle;
import dev.ferry.registry.copy.CopyOptions;
import dev.ferry.registry.copy.CopyReport;
import dev.ferry.registry.ref.ImageNaming;
import dev.ferry.registry.ref.ImageRequest;
import dev.ferry.registry.ref.RegistryTarget;
import dev.ferry.registry.ref.TargetNames;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The copy engine as a tiny command, for tests that kill a copy half-way and for {@code bench/images.sh}:
 * {@code CopyMain --target http://127.0.0.1:5001/x [--mirror PREFIX=URL] [--endpoint HOST=URL] [--jobs N]
 * [--naming proxy|registry] [--streamed] IMAGE…}. Prints the summary; exits 1 when an image failed.
 */
public final class CopyMain {
    private CopyMain() {}

    public static void main(String[] args) throws java.io.IOException {
        long start = System.nanoTime();
        List<RegistryMirror> mirrors = new ArrayList<>();
        Map<String, RegistryEndpoint> endpoints = new LinkedHashMap<>();
        List<ImageRequest> images = new ArrayList<>();
        String target = null;
        int jobs = 8;
        ImageNaming naming = ImageNaming.PROXY;
        UploadStyle uploads = UploadStyle.MONOLITHIC;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--target" -> target = args[++i];
                case "--mirror" -> mirrors.add(RegistryMirror.parse(args[++i]));
                case "--endpoint" -> {
                    String[] kv = args[++i].split("=", 2);
                    endpoints.put(kv[0], RegistryEndpoint.parse(kv[1]));
                }
                case "--jobs" -> jobs = Integer.parseInt(args[++i]);
                case "--naming" -> naming = ImageNaming.parse(args[++i]);
                case "--streamed" -> uploads = UploadStyle.STREAMED;
                default -> images.add(ImageRequest.of(args[i]));
            }
        }
        RegistryTarget to = RegistryTarget.parse(target);
        try (HttpClient http = new HttpClient(HttpClient.Settings.fromEnvironment(Optional.empty(), Map.of()).withConnections(jobs))) {
            RegistryAccess access = new RegistryAccess(http, RegistryAccess.Settings.of(CredentialStore.NONE, Optional.empty())
                    .withMirrors(mirrors).withEndpoints(endpoints).withUploads(uploads), Clock.systemUTC());
            CopyReport report = access.copy(TargetNames.map(images, to, naming), to, CopyOptions.defaults(jobs), false, Progress.none());
            report.images().forEach(r -> System.out.println(r.status() + " " + r.name() + " " + r.digest().map(Object::toString).orElse("")
                    + r.failure().map(f -> ": " + f.getMessage()).orElse("")));
            System.out.println(report.summary());
            System.out.printf("seconds: %.3f%n", (System.nanoTime() - start) / 1e9);
            // peak resident memory, for the flat-memory check of bench/images.sh
            java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM:"))
                    .forEach(l -> System.out.println("peak RSS: " + l.substring(6).trim()));
            System.exit(report.failed() ? 1 : 0);
        }
    }
}
