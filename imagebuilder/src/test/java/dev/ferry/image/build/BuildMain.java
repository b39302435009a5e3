package dev.ferry.image.build;

import dev.ferry.progress.Progress;
import dev.ferry.progress.ProgressEvent;
import dev.ferry.image.config.ImageConfigFile;
import dev.ferry.image.ec2.Ec2Clients;
import dev.ferry.image.ec2.Ec2Retry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** A build in a child JVM, so a test can kill it mid-bake: {@code BuildMain <endpoint> <image.yaml>}. */
public final class BuildMain {
    private BuildMain() {}

    public static void main(String[] args) {
        Progress progress = Progress.root("build", event -> {
            if (event instanceof ProgressEvent.Said said) {
                System.out.println(switch (said.level()) {
                    case INFO -> "info: " + said.text();
                    case WARN -> "warn: " + said.text();
                    case OUTPUT -> "[" + said.task().description() + "] " + said.text();
                });
            }
        });
        Ec2Clients clients = Ec2Clients.aws(Optional.of(URI.create(args[0])), new Ec2Retry(3, Duration.ofMillis(1), Duration.ofMillis(5)),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDFAKE", "fake")));
        new ImageBuild(ImageConfigFile.read(Path.of(args[1])), clients, BuildOptions.defaults(),
                progress).run();
    }
}
