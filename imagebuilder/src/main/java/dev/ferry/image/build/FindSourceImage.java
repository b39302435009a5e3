package dev.ferry.image.build;

import dev.ferry.error.FerryException;
import dev.ferry.image.config.SourceImage;
import dev.ferry.image.ec2.Images;
import software.amazon.awssdk.services.ec2.model.Image;

/** Step: the AMI to bake from, by id or as the newest of a name pattern from given owners. */
final class FindSourceImage {
    private FindSourceImage() {}

    static Image run(BuildContext b) {
        Image source = find(b);
        b.progress().info("source AMI " + source.imageId() + " (" + source.name() + ")");
        return source;
    }

    private static Image find(BuildContext b) {
        if (b.cfg().source() instanceof SourceImage.ById byId) {
            return Images.find(b.ec2(), byId.imageId()).orElseThrow(() -> FerryException.badInput("the source AMI " + byId.imageId()
                    + " does not exist in " + b.cfg().region() + " (or is not shared with this account)", "check source.ami in image.yaml"));
        }
        SourceImage.ByName byName = (SourceImage.ByName) b.cfg().source();
        return Images.newest(b.ec2(), byName.namePattern(), byName.owners()).orElseThrow(() -> FerryException.badInput(
                "no available AMI named '" + byName.namePattern() + "' from owners " + byName.owners() + " in " + b.cfg().region(),
                "check source.name and source.owners in image.yaml"));
    }
}
