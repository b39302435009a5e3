package dev.ferry.image.build;

import java.util.Optional;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * The tags that say which build made a resource, and whether that build finished. {@code ferry.build-state=complete}
 * goes on an AMI only once it is available and the build still wants it, so an AMI without it is half-made, still being
 * made by another run, or not Ferry's: a re-run never takes such an AMI for a finished one.
 */
final class BuildTags {
    static final String BUILD_ID = "ferry.build-id";
    static final String BUILD_STATE = "ferry.build-state";
    static final String COMPLETE = "complete";

    private BuildTags() {}

    static Optional<String> buildId(Image image) {
        return tag(image, BUILD_ID);
    }

    static boolean complete(Image image) {
        return tag(image, BUILD_STATE).filter(COMPLETE::equals).isPresent();
    }

    /** Refuses to treat {@code image} as this build's finished AMI unless it is marked complete. */
    static void requireComplete(Image image, String region) {
        if (complete(image)) {
            return;
        }
        String id = image.imageId();
        String whose = buildId(image).map(b -> "its build " + b + " did not finish, or is still running elsewhere")
                .orElse("it carries no ferry.build-id tag, so Ferry did not build it");
        throw new UnfinishedImage("an AMI named '" + image.name() + "' already exists in " + region + " (" + id + ", "
                + image.stateAsString() + ") but is not marked " + BUILD_STATE + "=" + COMPLETE + ": " + whose, region, id);
    }

    private static Optional<String> tag(Image image, String key) {
        return image.tags().stream().filter(t -> key.equals(t.key())).map(Tag::value).findFirst();
    }
}
