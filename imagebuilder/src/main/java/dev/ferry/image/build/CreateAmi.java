package dev.ferry.image.build;

import dev.ferry.aws.Ec2Error;
import dev.ferry.image.ec2.Ec2;
import dev.ferry.image.ec2.Images;
import dev.ferry.image.ec2.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * Step: make the AMI from the stopped builder and wait until it is available, through EC2's "not found yet"
 * window. Only then is it tagged {@code ferry.build-state=complete}, the mark a re-run trusts. CreateImage has no
 * client token: after a lost answer the AMI is found by its name and this build's id.
 */
final class CreateAmi {
    private CreateAmi() {}

    static Image run(BuildContext b, String instanceId, String name, Image source) {
        Resources r = b.resources();
        Map<String, String> tags = b.amiTags(source.imageId());
        b.progress().info("creating the AMI '" + name + "'");
        String imageId;
        r.imageInDoubt = true;
        try {
            imageId = b.tagging().create(b.ec2(), "CreateImage", specs -> b.ec2().client().createImage(q -> q.instanceId(instanceId)
                            .name(name).description(b.cfg().description().orElse("built by ferry image build " + b.buildId()))
                            .tagSpecifications(specs)).imageId(),
                    List.of(ResourceType.IMAGE, ResourceType.SNAPSHOT), tags);
        } catch (Ec2Error e) {
            imageId = findLost(b, name, e);
        }
        r.imageId = Optional.of(imageId);
        r.imageInDoubt = false;
        Ec2 ec2 = b.ec2();
        Image image = Images.waitAvailable(ec2, imageId, b.waiter(), b.cfg().waits().image(), b.progress());
        r.snapshotIds.addAll(Images.snapshotIds(image));
        if (!b.tagging().imageTaggedOnCreate()) {
            List<String> ids = new ArrayList<>(r.snapshotIds);
            ids.add(0, imageId);
            Tags.apply(ec2, ids, tags);
        }
        // the mark a re-run trusts: only an AMI that got this far is ever taken for a finished one
        Tags.apply(ec2, List.of(imageId), Map.of(BuildTags.BUILD_STATE, BuildTags.COMPLETE));
        r.imageComplete = true;
        b.progress().info("AMI " + imageId + " is available in " + b.cfg().region());
        return image;
    }

    /** After a lost answer the SDK's retry finds the name taken, by this very AMI when the first call made it. */
    private static String findLost(BuildContext b, String name, Ec2Error e) {
        boolean maybeMade = e.outcomeUnknown() || e.is("InvalidAMIName.Duplicate");
        b.resources().imageInDoubt = maybeMade;
        if (!maybeMade) {
            throw e;
        }
        b.progress().warn("CreateImage failed (" + e.getMessage() + "); looking for an AMI '" + name + "' made by this build");
        Optional<Image> holder = CreatedByBuild.image(b.ec2(), name, b.waiter(), b.cfg().waits().image());
        b.resources().imageInDoubt = false; // who holds the name is known, or it was looked for as long as an AMI may take
        if (holder.isPresent() && !CreatedByBuild.madeBy(holder.get(), b.buildId())) {
            throw CreatedByBuild.nameTaken(b.ec2(), holder.get(), b.buildId());
        }
        String imageId = holder.orElseThrow(() -> e).imageId();
        b.progress().info("found " + imageId + ": EC2 had made it, its answer was lost");
        return imageId;
    }
}
