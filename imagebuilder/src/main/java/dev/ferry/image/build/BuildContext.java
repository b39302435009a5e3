package dev.ferry.image.build;

import dev.ferry.image.config.ImageConfig;
import dev.ferry.image.ec2.Ec2;
import dev.ferry.image.ec2.Ec2Clients;
import dev.ferry.image.ec2.Waiter;
import dev.ferry.progress.Progress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every step of one build shares: the image.yaml, EC2 in the build region, the options, where progress goes,
 * how to wait, and the record of what was created so far (which cleanup reads, whatever step failed).
 */
record BuildContext(ImageConfig cfg, Ec2Clients clients, Ec2 ec2, BuildOptions options, Progress progress, Waiter waiter,
                    Resources resources, TagOnCreate tagging) {

    String buildId() {
        return resources.buildId;
    }

    /** The user's tags plus the build id, on everything the build creates. */
    Map<String, String> resourceTags() {
        Map<String, String> tags = new LinkedHashMap<>(cfg.tags());
        tags.put(BuildTags.BUILD_ID, buildId());
        return tags;
    }

    /** An AMI's tags: the resource tags and the AMI it was baked from. */
    Map<String, String> amiTags(String sourceImageId) {
        Map<String, String> tags = resourceTags();
        tags.put("ferry.source-ami", sourceImageId);
        return tags;
    }
}
