package dev.ferry.cli.vpc;

import dev.ferry.bootstrap.eniconfig.EniConfigs;
import dev.ferry.cli.FerryVersion;
import dev.ferry.error.FerryException;
import dev.ferry.vpc.check.CheckReport;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** What {@code --emit} prints on stdout: nothing (the report), the kOps spec fragment, or the ENIConfigs. */
enum Emit {
    NONE, KOPS, ENICONFIG;

    static Emit parse(String text) {
        if (text == null) {
            return NONE;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "kops" -> KOPS;
            case "eniconfig" -> ENICONFIG;
            default -> throw FerryException.badInput("--emit '" + text + "' is neither kops nor eniconfig", "e.g. --emit kops > vpc-spec.yaml");
        };
    }

    /** Prints the emitted text on {@code out}; what to do next on {@code err}. */
    void write(CheckReport report, List<String> securityGroups, boolean prefixDelegation, PrintWriter out, PrintWriter err) {
        if (this == KOPS) {
            out.print(report.kopsSpec().yaml(FerryVersion.generatedBy(), report.vpc().region().name()));
            err.println("next: merge the fragment into `kops edit cluster NAME` (or the cluster manifest), then kops update cluster NAME");
        } else if (this == ENICONFIG) {
            EniConfigs configs = report.eniConfigs(securityGroups, prefixDelegation);
            out.print(configs.eniConfigYaml(FerryVersion.generatedBy()));
            err.println("next: kubectl apply -f the ENIConfigs, then turn custom networking on for aws-node: " + configs.kubectlSetEnv());
            err.println("  (on kOps, set the same variables in spec.networking.amazonvpc.env instead: kOps re-applies aws-node)");
        }
    }
}
