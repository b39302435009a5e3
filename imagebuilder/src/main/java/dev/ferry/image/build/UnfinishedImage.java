package dev.ferry.image.build;

import dev.ferry.error.FerryException;

/**
 * An AMI with the build's name exists but is not marked finished: a build that did not complete (or still runs
 * elsewhere), or an AMI Ferry did not make. A re-run never takes it for a finished one (exit 1). The fields say how to
 * remove it or mark it good, so a caller can add its own way to rebuild over it.
 */
public final class UnfinishedImage extends FerryException {
    private static final long serialVersionUID = 1L;

    private final String region;
    private final String imageId;

    UnfinishedImage(String message, String region, String imageId) {
        super(message, "if no other build of this image is running, rebuild it with the force option (the AMI is deregistered just before the "
                + "new one is made) or remove it: " + removal(region, imageId) + ". If it is a good AMI, mark it: " + marking(region, imageId));
        this.region = region;
        this.imageId = imageId;
    }

    public String region() {
        return region;
    }

    public String imageId() {
        return imageId;
    }

    /** How to remove it by hand: "'aws ec2 deregister-image …' and delete its snapshots". */
    public String removal() {
        return removal(region, imageId);
    }

    /** How to mark it as a finished build: "'aws ec2 create-tags …'". */
    public String marking() {
        return marking(region, imageId);
    }

    private static String removal(String region, String imageId) {
        return "'aws ec2 deregister-image --region " + region + " --image-id " + imageId + "' and delete its snapshots";
    }

    private static String marking(String region, String imageId) {
        return "'aws ec2 create-tags --region " + region + " --resources " + imageId + " --tags Key=" + BuildTags.BUILD_STATE
                + ",Value=" + BuildTags.COMPLETE + "'";
    }
}
