package dev.ferry.image.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed, validated {@code image.yaml}: everything {@code ferry image build} needs.
 *
 * @param tags applied to the builder, the temporary resources, the AMI and its snapshots (plus Ferry's own tags)
 * @param copyTo regions of the same partition the finished AMI is copied to
 */
public record ImageConfig(String region, SourceImage source, String instanceType, String subnetId,
                          SecurityGroupChoice securityGroup, KeyChoice key, Optional<String> instanceProfile,
                          RootVolume rootVolume, SshSettings ssh, List<BakeStep> bake, NameTemplate imageName,
                          Optional<String> description, Map<String, String> tags, List<String> copyTo, Waits waits) {
    public ImageConfig {
        bake = List.copyOf(bake);
        tags = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tags));
        copyTo = List.copyOf(copyTo);
    }

    public ImageConfig withWaits(Waits w) {
        return new ImageConfig(region, source, instanceType, subnetId, securityGroup, key, instanceProfile, rootVolume,
                ssh, bake, imageName, description, tags, copyTo, w);
    }

    public ImageConfig withSsh(SshSettings s) {
        return new ImageConfig(region, source, instanceType, subnetId, securityGroup, key, instanceProfile, rootVolume,
                s, bake, imageName, description, tags, copyTo, waits);
    }
}
