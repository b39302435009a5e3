package dev.ferry.image.build;

import dev.ferry.error.FerryException;
import dev.ferry.image.move.ImageCopy;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.Image;

/** Step: the AMI in its region plus a copy in each target region; a copy that fails is removed by cleanup, the AMI stays. */
final class CopyAmi {
    private CopyAmi() {}

    static Map<String, String> run(BuildContext b, Image image) {
        Map<String, String> amis = new LinkedHashMap<>();
        amis.put(b.cfg().region(), image.imageId());
        if (b.cfg().copyTo().isEmpty()) {
            return amis;
        }
        ImageCopy copy = new ImageCopy(b.clients(), b.waiter(), b.cfg().waits().copy(), b.progress());
        try {
            Map<String, String> tags = b.amiTags(image.imageId());
            tags.put(BuildTags.BUILD_STATE, BuildTags.COMPLETE); // ImageCopy tags a copy once it is available
            amis.putAll(copy.copy(b.ec2(), image, b.cfg().copyTo(), tags, b.resources().copies));
        } catch (FerryException e) {
            throw new FerryException(e.getMessage() + "; the AMI " + image.imageId() + " in " + b.cfg().region()
                    + " is complete and kept", "run the build again: it skips the bake and copies what is missing",
                    e.exitCode(), e);
        }
        return amis;
    }
}
