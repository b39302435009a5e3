package dev.ferry.image.build;

import dev.ferry.error.FerryException;
import dev.ferry.image.config.SecurityGroupChoice;
import dev.ferry.image.ec2.Ec2;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/** Step: the builder's security group: the user's, or a temporary one that lets SSH in from one CIDR only. */
final class BuilderSecurityGroup {
    private BuilderSecurityGroup() {}

    static String run(BuildContext b) {
        if (b.cfg().securityGroup() instanceof SecurityGroupChoice.Existing existing) {
            return existing.groupId();
        }
        Ec2 ec2 = b.ec2();
        String cidr = ((SecurityGroupChoice.Temporary) b.cfg().securityGroup()).sshFromCidr();
        String vpc = ec2.call("DescribeSubnets", () -> ec2.client().describeSubnets(r -> r.subnetIds(b.cfg().subnetId())))
                .subnets().stream().findFirst().orElseThrow(() -> FerryException.badInput("subnet " + b.cfg().subnetId()
                        + " not found in " + b.cfg().region(), "check builder.subnet in image.yaml")).vpcId();
        String id = b.tagging().create(ec2, "CreateSecurityGroup", specs -> ec2.client().createSecurityGroup(r -> r
                        .groupName(b.buildId()).vpcId(vpc).tagSpecifications(specs)
                        .description("ferry image build " + b.buildId() + ": SSH from " + cidr + ", deleted after the build")).groupId(),
                List.of(ResourceType.SECURITY_GROUP), b.resourceTags());
        b.resources().temporaryGroupId = Optional.of(id);
        int port = b.cfg().ssh().port();
        ec2.call("AuthorizeSecurityGroupIngress", () -> ec2.client().authorizeSecurityGroupIngress(r -> r.groupId(id)
                .ipPermissions(IpPermission.builder().ipProtocol("tcp").fromPort(port).toPort(port)
                        .ipRanges(IpRange.builder().cidrIp(cidr).description("ferry image build SSH").build()).build())));
        b.progress().info("created the temporary security group " + id + " (SSH from " + cidr + ")");
        return id;
    }
}
