package dev.ferry.image.ec2;

import dev.ferry.aws.Ec2Error;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * Tags on create, and the fallback to tagging after create: some China-region APIs have refused
 * TagSpecification on create, and a build should not fail for that.
 */
public final class Tags {
    private Tags() {}

    public static List<Tag> of(Map<String, String> tags) {
        List<Tag> out = new ArrayList<>();
        tags.forEach((k, v) -> out.add(Tag.builder().key(k).value(v).build()));
        return out;
    }

    public static List<TagSpecification> on(Map<String, String> tags, ResourceType... types) {
        List<TagSpecification> out = new ArrayList<>();
        for (ResourceType t : types) {
            out.add(TagSpecification.builder().resourceType(t).tags(of(tags)).build());
        }
        return out;
    }

    /** CreateTags on resources (any kind). */
    public static void apply(Ec2 ec2, List<String> resourceIds, Map<String, String> tags) {
        if (resourceIds.isEmpty() || tags.isEmpty()) {
            return;
        }
        ec2.call("CreateTags", () -> ec2.client().createTags(b -> b.resources(resourceIds).tags(of(tags))));
    }

    /** Whether EC2 refused a call because of its TagSpecification (tag-on-create unsupported here). */
    public static boolean refusedOnCreate(Ec2Error e) {
        boolean codeFits = switch (e.code()) {
            case "UnknownParameter", "InvalidParameter", "InvalidParameterValue", "UnsupportedOperation",
                 "InvalidParameterCombination" -> true;
            default -> false;
        };
        return codeFits && e.getMessage().toLowerCase(Locale.ROOT).contains("tag");
    }
}
