package dev.ferry.registry.check;

import java.util.List;

/**
 * What {@link RegistryCheck} found.
 *
 * @param target   the target as the user wrote it
 * @param images   images checked
 * @param unpinned images checked by their tag only, as the lock pins no digest for them
 * @param blobs    blob lookups made
 * @param findings in the images' order
 */
public record CheckReport(String target, int images, int unpinned, long blobs, List<Finding> findings) {
    public CheckReport {
        findings = List.copyOf(findings);
    }
}
