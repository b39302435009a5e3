package dev.ferry.image.build;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.security.KeyPair;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.AwsRequest;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.*;

/**
 * The EC2 client of {@code --dry-run}: prints every call the build would make, in order, with its parameters, and
 * answers with placeholders in angle brackets ({@code <instance-id>}) so the flow can go on. It assumes no AMI of
 * the wanted name exists yet and that the source AMI resolves.
 */
final class DryRunEc2Client implements Ec2Client {
    static final KeyPair PLACEHOLDER_KEY = dev.ferry.image.ssh.KeyFiles.generate();

    private final String region;
    private final PrintWriter out;
    private final Map<String, InstanceStateName> instances = new HashMap<>();
    private final Map<String, String> imageNames = new HashMap<>();

    private DryRunEc2Client(String region, PrintWriter out) {
        this.region = region;
        this.out = out;
    }

    /**
     * The printing client of {@code region}. A call this class answers itself gets its placeholders; any other
     * (CreateTags, DeleteKeyPair, DeregisterImage, …) is printed and answered with an empty response, as
     * EC2 answers those calls with nothing the build reads.
     */
    static Ec2Client printing(String region, PrintWriter out) {
        DryRunEc2Client answers = new DryRunEc2Client(region, out);
        return (Ec2Client) Proxy.newProxyInstance(Ec2Client.class.getClassLoader(), new Class<?>[] {Ec2Client.class},
                (proxy, method, args) -> answers.call(proxy, method, args));
    }

    private Object call(Object proxy, Method method, Object[] args) throws Throwable {
        try {
            boolean request = args != null && args.length == 1 && args[0] instanceof AwsRequest;
            if (request) {
                print((AwsRequest) args[0]);
            }
            if (DryRunEc2Client.class.getMethod(method.getName(), method.getParameterTypes()).getDeclaringClass() == DryRunEc2Client.class) {
                return method.invoke(this, args);
            }
            if (request) {
                Method builder = method.getReturnType().getMethod("builder");
                return builder.getReturnType().getMethod("build").invoke(builder.invoke(null));
            }
            // the SDK's overloads taking a request builder: they build the request and call the proxy again
            return method.isDefault() ? InvocationHandler.invokeDefault(proxy, method, args) : method.invoke(this, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private void print(AwsRequest request) {
        String text = request.toString();
        int paren = text.indexOf('(');
        String action = text.substring(0, paren).replaceFirst("Request$", "");
        // key material is bytes the reader cannot check by eye anyway
        String params = text.substring(paren).replaceAll("SdkBytes\\(bytes=0x[0-9a-f]*\\)", "<public half of a key generated for this build>");
        out.println("[" + region + "] " + action + " " + params);
        out.flush();
    }

    @Override
    public DescribeImagesResponse describeImages(DescribeImagesRequest r) {
        if (r.hasImageIds() && !r.imageIds().isEmpty()) {
            String id = r.imageIds().get(0);
            return DescribeImagesResponse.builder().images(image(id, imageNames.getOrDefault(id, "<source-ami-name>"))).build();
        }
        boolean lookingForSource = r.filters().stream().anyMatch(f -> f.name().equals("state"));
        return DescribeImagesResponse.builder().images(lookingForSource ? List.of(image("<source-ami>", "<newest match>")) : List.of()).build();
    }

    private static Image image(String id, String name) {
        return Image.builder().imageId(id).name(name).state(ImageState.AVAILABLE).rootDeviceName("<root-device>")
                .blockDeviceMappings(BlockDeviceMapping.builder().deviceName("<root-device>")
                        .ebs(EbsBlockDevice.builder().snapshotId("<snapshot-id>").build()).build()).build();
    }

    @Override
    public DescribeSubnetsResponse describeSubnets(DescribeSubnetsRequest r) {
        return DescribeSubnetsResponse.builder().subnets(Subnet.builder().subnetId(r.subnetIds().get(0)).vpcId("<vpc-id>").build()).build();
    }

    @Override
    public CreateSecurityGroupResponse createSecurityGroup(CreateSecurityGroupRequest r) {
        return CreateSecurityGroupResponse.builder().groupId("<security-group-id>").build();
    }

    @Override
    public AuthorizeSecurityGroupIngressResponse authorizeSecurityGroupIngress(AuthorizeSecurityGroupIngressRequest r) {
        return AuthorizeSecurityGroupIngressResponse.builder().returnValue(true).build();
    }

    @Override
    public ImportKeyPairResponse importKeyPair(ImportKeyPairRequest r) {
        return ImportKeyPairResponse.builder().keyName(r.keyName()).keyPairId("<key-pair-id>").build();
    }

    @Override
    public RunInstancesResponse runInstances(RunInstancesRequest r) {
        instances.put("<instance-id>", InstanceStateName.RUNNING);
        return RunInstancesResponse.builder().instances(instance("<instance-id>", InstanceStateName.PENDING)).build();
    }

    private static Instance instance(String id, InstanceStateName state) {
        return Instance.builder().instanceId(id).privateIpAddress("<private-ip>")
                .state(InstanceState.builder().name(state).build()).build();
    }

    @Override
    public DescribeInstancesResponse describeInstances(DescribeInstancesRequest r) {
        Reservation.Builder res = Reservation.builder();
        if (r.hasInstanceIds()) {
            res.instances(r.instanceIds().stream()
                    .map(id -> instance(id, instances.getOrDefault(id, InstanceStateName.TERMINATED))).toList());
        }
        return DescribeInstancesResponse.builder().reservations(res.build()).build();
    }

    @Override
    public GetConsoleOutputResponse getConsoleOutput(GetConsoleOutputRequest r) {
        return GetConsoleOutputResponse.builder().instanceId(r.instanceId()).output("").build();
    }

    @Override
    public StopInstancesResponse stopInstances(StopInstancesRequest r) {
        r.instanceIds().forEach(id -> instances.put(id, InstanceStateName.STOPPED));
        return StopInstancesResponse.builder().build();
    }

    @Override
    public TerminateInstancesResponse terminateInstances(TerminateInstancesRequest r) {
        r.instanceIds().forEach(id -> instances.put(id, InstanceStateName.TERMINATED));
        return TerminateInstancesResponse.builder().build();
    }

    @Override
    public CreateImageResponse createImage(CreateImageRequest r) {
        imageNames.put("<image-id>", r.name());
        return CreateImageResponse.builder().imageId("<image-id>").build();
    }

    @Override
    public CopyImageResponse copyImage(CopyImageRequest r) {
        imageNames.put("<image-id in " + region + ">", r.name());
        return CopyImageResponse.builder().imageId("<image-id in " + region + ">").build();
    }

    @Override
    public String serviceName() {
        return "ec2";
    }

    @Override
    public void close() {
        // nothing to close
    }
}
