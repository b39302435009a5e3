package dev.ferry.image.build;

import dev.ferry.aws.Ec2Error;
import dev.ferry.format.Sizes;
import dev.ferry.image.config.RootVolume;
import dev.ferry.image.ec2.Ec2;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.EbsBlockDevice;
import software.amazon.awssdk.services.ec2.model.IamInstanceProfileSpecification;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterfaceSpecification;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;

/**
 * Step: launch the builder with no public IP and wait until it runs. A RunInstances whose answer is lost does not
 * start a second builder: the client token makes the SDK's retry return the same one, and when every answer is
 * lost the builder is found by that token.
 */
final class LaunchBuilder {
    private LaunchBuilder() {}

    static Instance run(BuildContext b, Image source, String group) {
        Resources r = b.resources();
        RunInstancesRequest.Builder request = request(b, source, group);
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("Name", "ferry image builder " + b.buildId());
        tags.put("k8s.io/role/imagebuilder", "1");
        tags.putAll(b.resourceTags());
        b.progress().info("launching the builder (" + b.cfg().instanceType() + " in " + b.cfg().subnetId() + ", no public IP)");
        String id;
        r.launchInDoubt = true;
        try {
            id = b.tagging().create(b.ec2(), "RunInstances", specs -> {
                // idempotent: a retried RunInstances never starts a second builder
                String token = b.buildId() + "-" + (r.launchTokens.size() + 1);
                r.launchTokens.add(token);
                return b.ec2().client().runInstances(request.clientToken(token).tagSpecifications(specs).build()).instances().get(0).instanceId();
            }, List.of(ResourceType.INSTANCE, ResourceType.VOLUME), tags);
        } catch (Ec2Error e) {
            r.launchInDoubt = e.outcomeUnknown();
            if (!e.outcomeUnknown()) {
                throw e;
            }
            id = findLost(b, e);
        }
        r.instanceId = Optional.of(id);
        r.launchInDoubt = false;
        return BuilderState.await(b, id, InstanceStateName.RUNNING, b.cfg().waits().instanceRunning());
    }

    /** No subnet or groups at the instance level: with network interfaces EC2 rejects them there. */
    private static RunInstancesRequest.Builder request(BuildContext b, Image source, String group) {
        RunInstancesRequest.Builder request = RunInstancesRequest.builder()
                .imageId(source.imageId()).instanceType(b.cfg().instanceType()).minCount(1).maxCount(1).keyName(BuilderKey.name(b))
                .networkInterfaces(InstanceNetworkInterfaceSpecification.builder().deviceIndex(0).subnetId(b.cfg().subnetId())
                        .groups(group).associatePublicIpAddress(false).deleteOnTermination(true).build());
        b.cfg().instanceProfile().ifPresent(p -> request.iamInstanceProfile(IamInstanceProfileSpecification.builder().name(p).build()));
        RootVolume root = b.cfg().rootVolume();
        if (root.changesSource()) {
            EbsBlockDevice.Builder ebs = EbsBlockDevice.builder().deleteOnTermination(true);
            root.sizeGiB().ifPresent(ebs::volumeSize);
            if (root.encrypted()) {
                ebs.encrypted(true);
                root.kmsKeyId().ifPresent(ebs::kmsKeyId);
            }
            request.blockDeviceMappings(BlockDeviceMapping.builder().deviceName(source.rootDeviceName()).ebs(ebs.build()).build());
        }
        return request;
    }

    private static String findLost(BuildContext b, Ec2Error e) {
        Ec2 ec2 = b.ec2();
        String token = b.resources().launchTokens.get(b.resources().launchTokens.size() - 1);
        b.progress().warn("no answer from RunInstances (" + e.getMessage() + "); looking for a builder launched with client token "
                + token + " (at most " + Sizes.duration(b.cfg().waits().instanceRunning()) + ")");
        Optional<String> found = CreatedByBuild.instance(ec2, b.buildId(), token, b.waiter(), b.cfg().waits().instanceRunning());
        b.resources().launchInDoubt = false; // found, or looked for as long as a launch may take
        String id = found.orElseThrow(() -> e);
        b.progress().info("found the builder " + id + ": EC2 had launched it, its answer was lost");
        return id;
    }
}
