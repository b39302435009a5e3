package dev.ferry.image.config;

import java.time.Duration;

/**
 * Every wait of a build is bounded. Defaults follow what EC2 needs in practice (an AMI can take 30 minutes);
 * tests use milliseconds.
 */
public record Waits(Duration poll, Duration instanceRunning, Duration consoleHostKeys, Duration ssh,
                    Duration sshConnect, Duration step, Duration instanceStopped, Duration image,
                    Duration copy, Duration instanceTerminated) {

    public static Waits defaults() {
        return new Waits(Duration.ofSeconds(15), Duration.ofMinutes(10), Duration.ofMinutes(4), Duration.ofMinutes(10),
                Duration.ofSeconds(20), Duration.ofMinutes(60), Duration.ofMinutes(15), Duration.ofMinutes(45),
                Duration.ofMinutes(90), Duration.ofMinutes(15));
    }
}
