package dev.ferry.image.build;

import dev.ferry.image.ssh.KeyFiles;
import java.security.KeyPair;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Switches of one build.
 *
 * @param force rebuild even if an AMI with the name exists (the old one is deregistered just before CreateImage)
 * @param keepOnFailure keep a half-made AMI and its snapshots for inspection (the builder is terminated anyway)
 * @param keys makes the temporary SSH key
 * @param clock the time that goes into the AMI name and the build id
 */
public record BuildOptions(boolean force, boolean keepOnFailure, Supplier<KeyPair> keys, Supplier<Instant> clock) {

    public static BuildOptions defaults() {
        return new BuildOptions(false, false, KeyFiles::generate, Instant::now);
    }

    public BuildOptions withForce(boolean f) {
        return new BuildOptions(f, keepOnFailure, keys, clock);
    }

    public BuildOptions withKeepOnFailure(boolean k) {
        return new BuildOptions(force, k, keys, clock);
    }

    public BuildOptions withKeys(Supplier<KeyPair> k) {
        return new BuildOptions(force, keepOnFailure, k, clock);
    }
}
