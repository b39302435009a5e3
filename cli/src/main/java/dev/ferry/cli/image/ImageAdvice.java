package dev.ferry.cli.image;

import dev.ferry.aws.Ec2Error;
import dev.ferry.error.FerryException;
import dev.ferry.image.build.UnfinishedImage;
import java.util.Optional;

/** What to do about an image or EC2 failure, with the flags of the image (and vpc) commands that fix it. */
public final class ImageAdvice {
    /** The credentials advice of every command that calls EC2, before what access the command needs. */
    private static final String CREDENTIALS = "give --profile NAME, set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY";

    private ImageAdvice() {}

    public static Optional<String> whatToDo(FerryException e) {
        if (e instanceof Ec2Error x && x.noCredentials()) {
            return Optional.of(CREDENTIALS + "; " + x.access());
        }
        if (e instanceof UnfinishedImage u) {
            return Optional.of("if no other build of this image is running, replace it with --force (it is deregistered just before the new "
                    + "AMI is made) or remove it: " + u.removal() + ". If it is a good AMI, mark it: " + u.marking());
        }
        return Optional.empty();
    }
}
