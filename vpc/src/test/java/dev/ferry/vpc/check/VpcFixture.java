package dev.ferry.vpc.check;

import dev.ferry.aws.AwsRegion;
import dev.ferry.bootstrap.maxpods.InstanceLimits;
import dev.ferry.image.fake.FakeEc2;
import dev.ferry.image.fake.VpcScenario;
import dev.ferry.vpc.net.Ipv4Cidr;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** The fake EC2 with {@link VpcScenario} built in, a client for it, and requests against it. */
final class VpcFixture implements AutoCloseable {
    final FakeEc2 ec2;
    final Ec2Client client;
    final List<String> progress = new ArrayList<>();

    VpcFixture() throws Exception {
        ec2 = new FakeEc2();
        VpcScenario.build(ec2.vpcs);
        client = Ec2Client.builder().region(Region.of(VpcScenario.REGION)).endpointOverride(ec2.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDFAKE", "fake-secret"))).build();
    }

    /** m5.large as DescribeInstanceTypes reports it: 3 ENIs of 10 IPv4 addresses, 2 vCPUs, Nitro. */
    static InstanceLimits m5large() {
        return new InstanceLimits("m5.large", 3, 10, 1, 2, "nitro", false, "test");
    }

    /** The scenario's cluster as kOps would take it: private topology, utility subnets, custom networking. */
    static Request request() {
        return new Request().subnets(VpcScenario.PRIVATE_A, VpcScenario.PRIVATE_B).utility(VpcScenario.UTILITY_A, VpcScenario.UTILITY_B)
                .pods(VpcScenario.POD_A, VpcScenario.POD_B).cluster(VpcScenario.CLUSTER);
    }

    CheckReport run(Request r) {
        return VpcCheck.run(client, new AwsRegion(VpcScenario.REGION), r.build(), progress::add);
    }

    @Override
    public void close() {
        client.close();
        ec2.close();
    }

    /** A CheckRequest with test-friendly setters. */
    static final class Request {
        String vpc = VpcScenario.VPC;
        Optional<String> cluster = Optional.empty();
        List<String> subnets = List.of();
        List<String> utility = List.of();
        List<String> pods = List.of();
        List<Ipv4Cidr> planned = List.of();
        Optional<Topology> topology = Optional.empty();
        Optional<CheckRequest.Capacity> capacity = Optional.empty();
        boolean tagsOutside;

        Request vpc(String id) {
            vpc = id;
            return this;
        }

        Request cluster(String name) {
            cluster = Optional.of(name);
            return this;
        }

        Request subnets(String... ids) {
            subnets = List.of(ids);
            return this;
        }

        Request utility(String... ids) {
            utility = List.of(ids);
            return this;
        }

        Request pods(String... ids) {
            pods = List.of(ids);
            return this;
        }

        Request planned(String... cidrs) {
            planned = List.of(cidrs).stream().map(c -> Ipv4Cidr.parse(c, "test")).toList();
            return this;
        }

        Request topology(Topology t) {
            topology = Optional.of(t);
            return this;
        }

        Request nodes(int n, InstanceLimits limits, boolean prefixDelegation) {
            capacity = Optional.of(new CheckRequest.Capacity(n, limits, prefixDelegation));
            return this;
        }

        Request tagsOutside() {
            tagsOutside = true;
            return this;
        }

        CheckRequest build() {
            return new CheckRequest(vpc, cluster, subnets, utility, pods, planned, topology, capacity, tagsOutside);
        }
    }
}
