package dev.ferry.image.build;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a build produced.
 *
 * @param amis the AMI id per region, the build region first
 * @param skipped an AMI with this name already existed, so nothing was baked
 * @param hostKey the builder's SSH host key fingerprint, and whether it was checked against its console output
 * @param leftovers resources that cleanup could not delete, each with the command that deletes it
 */
public record BuildResult(String buildId, String imageName, boolean skipped, Map<String, String> amis,
                          Optional<String> hostKey, boolean hostKeyVerified, List<String> leftovers) {
    public BuildResult {
        amis = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(amis));
        leftovers = List.copyOf(leftovers);
    }
}
