package dev.ferry.cli.vpc;

import dev.ferry.vpc.check.CapacityPlan;
import dev.ferry.vpc.check.CheckReport;
import dev.ferry.vpc.check.ClusterSubnet;
import dev.ferry.vpc.check.Finding;
import dev.ferry.vpc.check.Role;
import dev.ferry.vpc.check.Severity;
import dev.ferry.vpc.model.Vpc;
import java.util.LinkedHashMap;
import java.util.Map;

/** A check report for pipelines: the VPC, the subnets, the address plan, the findings, the summary and the kOps spec. */
final class ReportJson {
    private ReportJson() {}

    static Map<String, Object> of(CheckReport r, String endpoint) {
        Vpc v = r.vpc().vpc();
        var region = r.vpc().region();
        Map<String, Object> vpc = new LinkedHashMap<>();
        vpc.put("id", v.id());
        vpc.put("region", region.name());
        vpc.put("partition", region.partition());
        vpc.put("arn", region.arn("ec2", v.ownerId(), "vpc/" + v.id()));
        vpc.put("endpoint", endpoint);
        vpc.put("cidrBlocks", v.cidrBlocks().stream().map(b -> ordered("cidr", b.cidr().toString(), "state", b.state(), "primary", b.primary())).toList());
        vpc.put("enableDnsSupport", v.dnsSupport());
        vpc.put("enableDnsHostnames", v.dnsHostnames());
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("vpc", vpc);
        j.put("topology", ordered("type", r.layout().topology().id(), "reason", r.layout().topologyReason()));
        j.put("subnets", r.layout().subnets().stream().map(s -> subnet(r, s)).toList());
        j.put("capacity", r.capacity().map(ReportJson::capacity));
        j.put("findings", r.findings().stream().map(ReportJson::finding).toList());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("errors", r.count(Severity.ERROR));
        summary.put("warnings", r.count(Severity.WARNING));
        summary.put("notes", r.count(Severity.NOTE));
        summary.put("passed", r.passed());
        j.put("summary", summary);
        j.put("kops", r.kopsSpec().json());
        return j;
    }

    private static Map<String, Object> subnet(CheckReport r, ClusterSubnet s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("arn", r.vpc().region().arn("ec2", r.vpc().vpc().ownerId(), "subnet/" + s.id()));
        m.put("role", s.role() == Role.POD ? "pod" : s.role().kopsType().orElseThrow());
        m.put("kopsName", s.kopsName());
        m.put("zone", s.zone());
        m.put("cidr", s.subnet().cidr().toString());
        m.put("availableIps", s.subnet().availableIps());
        m.put("routeTable", s.route().routeTableId());
        m.put("defaultRoute", s.route().describe());
        m.put("tags", s.subnet().tags());
        return m;
    }

    private static Map<String, Object> capacity(CapacityPlan p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nodes", p.nodes());
        m.put("instanceType", p.maxPods().instanceType());
        m.put("maxPods", p.maxPods().maxPods());
        m.put("mode", p.maxPods().networking().mode());
        m.put("nodesPerZone", p.nodesPerZone());
        m.put("nodeSubnetAddressesPerNode", p.nodeSubnetPerNode());
        m.put("podSubnetAddressesPerNode", p.podSubnetPerNode());
        m.put("zones", p.zones().stream().map(z -> {
            Map<String, Object> zm = new LinkedHashMap<>();
            zm.put("zone", z.zone());
            zm.put("nodeSubnets", z.nodeSubnets());
            zm.put("nodeSubnetsFree", z.nodeFree());
            zm.put("nodeSubnetsNeeded", z.nodeNeed());
            zm.put("podSubnets", z.podSubnets());
            zm.put("podSubnetsFree", z.podFree());
            zm.put("podSubnetsNeeded", z.podNeed());
            zm.put("roomForNodes", z.roomForNodes());
            return zm;
        }).toList());
        return m;
    }

    /** A map that keeps the order given: key, value, key, value… */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    private static Map<String, Object> finding(Finding f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("severity", f.severity().id());
        m.put("check", f.check());
        m.put("subject", f.subject());
        m.put("message", f.message());
        m.put("why", f.why());
        m.put("fix", f.fix());
        m.put("commands", f.commands());
        return m;
    }
}
