package dev.ferry.image.build;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a build has created so far, so cleanup knows exactly what to remove whatever step failed. */
final class Resources {
    final String buildId;
    // volatile: the shutdown hook reads these from another thread
    volatile Optional<String> temporaryKeyName = Optional.empty();
    volatile Optional<String> temporaryGroupId = Optional.empty();
    /** Client tokens of the RunInstances calls made. */
    final List<String> launchTokens = new java.util.concurrent.CopyOnWriteArrayList<>();
    /**
     * RunInstances is running, or ended without a clear answer and its builder was not found yet: a builder may exist
     * that {@link #instanceId} does not name.
     */
    volatile boolean launchInDoubt;
    volatile Optional<String> instanceId = Optional.empty();
    /** The same for CreateImage and {@link #imageId}. */
    volatile boolean imageInDoubt;
    volatile Optional<String> imageId = Optional.empty();
    /** The AMI in the build region is available: a later failure (a copy) does not make it half-made. */
    volatile boolean imageComplete;
    final List<String> snapshotIds = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Copies started: region → image id. */
    final Map<String, String> copies = java.util.Collections.synchronizedMap(new LinkedHashMap<>());

    Resources(String buildId) {
        this.buildId = buildId;
    }
}
