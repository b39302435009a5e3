package dev.ferry.cli.bootstrap;

import dev.ferry.bootstrap.eniconfig.EniConfigs;
import dev.ferry.bootstrap.eniconfig.PodSubnet;
import dev.ferry.cli.FerryVersion;
import dev.ferry.cli.FileOutputOption;
import dev.ferry.format.AtomicFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry bootstrap eniconfig}: ENIConfigs and the aws-node environment for Amazon VPC CNI custom networking. */
@Command(name = "eniconfig",
        header = "Render one ENIConfig per zone and the aws-node settings for custom networking.",
        mixinStandardHelpOptions = true,
        description = {
            "Render Amazon VPC CNI custom networking: one ENIConfig per availability",
            "zone, named after the zone, for kubectl apply; and the aws-node environment",
            "(AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG=true, ENI_CONFIG_LABEL_DEF=",
            "topology.kubernetes.io/zone, ENABLE_PREFIX_DELEGATION=true on request) as a",
            "patch for the aws-node DaemonSet. Pod subnets must be in the nodes' VPC.",
            "",
            "Examples:",
            "  ferry bootstrap eniconfig --subnet cn-north-1a=subnet-0123456789abcdef0 \\",
            "      --subnet cn-north-1b=subnet-0fedcba9876543210 \\",
            "      --security-group sg-0123456789abcdef0 \\",
            "      --output-file eniconfigs.yaml --aws-node-patch aws-node-env.yaml",
            "  kubectl apply -f eniconfigs.yaml",
            "  kubectl -n kube-system patch daemonset aws-node --patch-file aws-node-env.yaml"})
public final class EniConfigCommand implements Callable<Integer> {

    @Option(names = "--subnet", required = true, paramLabel = "ZONE=SUBNET",
            description = "Pod subnet of one zone, e.g. cn-north-1a=subnet-0123456789abcdef0. Repeat for every zone nodes run in.")
    List<String> subnets;

    @Option(names = "--security-group", split = ",", paramLabel = "SG",
            description = "Security group(s) for pod ENIs (at most 5). Default: none in the ENIConfig, so the VPC CNI applies its default.")
    List<String> securityGroups = new ArrayList<>();

    @Mixin
    PrefixDelegationOption prefixDelegation;

    @Option(names = "--output-file", paramLabel = "FILE", description = "Write the ENIConfigs to FILE instead of stdout.")
    Path outputFile;

    @Option(names = "--aws-node-patch", paramLabel = "FILE", description = "Write the aws-node environment patch to FILE.")
    Path patchFile;

    @Mixin
    FileOutputOption output;

    @Override
    public Integer call() {
        outputFile = output.fileOr("--output-file", outputFile);
        EniConfigs configs = new EniConfigs(subnets.stream().map(PodSubnet::parse).toList(), securityGroups, prefixDelegation.value());
        String yaml = configs.eniConfigYaml(FerryVersion.generatedBy());
        if (outputFile != null) {
            AtomicFile.writeOutput(outputFile, yaml);
        }
        if (patchFile != null) {
            AtomicFile.writeOutput(patchFile, configs.awsNodePatchYaml());
        }
        if (output.json()) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("eniConfigs", configs.subnets().stream().map(s -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", s.zone());
                m.put("subnet", s.subnetId());
                m.put("securityGroups", configs.securityGroups());
                return m;
            }).toList());
            j.put("awsNodeEnv", configs.awsNodeEnv());
            // The YAML itself, so a pipeline needs no second run to get what it would apply.
            j.put("eniConfigYaml", yaml);
            j.put("awsNodePatchYaml", configs.awsNodePatchYaml());
            Map<String, Object> files = new LinkedHashMap<>();
            files.put("eniConfigs", Optional.ofNullable(outputFile).map(Path::toString));
            files.put("awsNodePatch", Optional.ofNullable(patchFile).map(Path::toString));
            j.put("files", files);
            output.printJson(j);
            return 0;
        }
        PrintWriter out = output.out();
        PrintWriter err = output.err();
        if (outputFile == null) {
            out.print(yaml);
            out.flush();
        }
        err.printf("%d ENIConfig(s): %s%n", configs.subnets().size(),
                String.join(", ", configs.subnets().stream().map(s -> s.zone() + " → " + s.subnetId()).toList()));
        if (configs.securityGroups().isEmpty()) {
            err.println("note: no --security-group: pod ENIs get the VPC CNI's default security group handling");
        }
        err.println("next steps (in this order, so no node starts custom networking without its ENIConfig):");
        err.println("  " + (outputFile == null ? "save the YAML above, then: kubectl apply -f FILE" : "kubectl apply -f " + outputFile));
        if (patchFile != null) {
            err.println("  kubectl -n kube-system patch daemonset aws-node --patch-file " + patchFile);
        } else {
            err.println("  " + configs.kubectlSetEnv());
        }
        err.println("  (on kOps, set the same variables in spec.networking.amazonvpc.env instead: kOps re-applies aws-node)");
        err.println("  then replace existing nodes (drain, terminate): only new nodes use the pod subnets;");
        err.println("  render their user-data with --custom-networking so kubelet's max-pods counts one ENI fewer");
        err.flush();
        return 0;
    }
}
