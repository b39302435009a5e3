package dev.ferry.image.build;

import dev.ferry.aws.Ec2Error;
import dev.ferry.image.ec2.Ec2;
import dev.ferry.image.ec2.Tags;
import dev.ferry.progress.Progress;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * Calls a create action with TagSpecifications; where the region refuses tags on create (some cn-* APIs did),
 * calls it again without them and tags the new resource afterwards: an image once it is available.
 */
final class TagOnCreate {
    private final Progress progress;
    /** False once CreateImage was refused tags on create: the AMI and snapshots are then tagged when available. */
    private volatile boolean imageTaggedOnCreate = true;

    TagOnCreate(Progress progress) {
        this.progress = progress;
    }

    String create(Ec2 ec2, String action, Function<List<TagSpecification>, String> create, List<ResourceType> types,
                  Map<String, String> tags) {
        try {
            return ec2.call(action, () -> create.apply(Tags.on(tags, types.toArray(ResourceType[]::new))));
        } catch (Ec2Error e) {
            if (!Tags.refusedOnCreate(e)) {
                throw e;
            }
            progress.warn(action + " refused tags on create in " + ec2.region() + " (" + e.code() + "); tagging after create");
            String id = ec2.call(action, () -> create.apply(List.of()));
            if (types.contains(ResourceType.IMAGE)) {
                imageTaggedOnCreate = false;
            } else {
                Tags.apply(ec2, List.of(id), tags);
            }
            return id;
        }
    }

    boolean imageTaggedOnCreate() {
        return imageTaggedOnCreate;
    }
}
