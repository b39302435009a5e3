package dev.ferry.cli.vpc;

import dev.ferry.cli.Table;
import dev.ferry.vpc.check.CapacityPlan;
import dev.ferry.vpc.check.CheckReport;
import dev.ferry.vpc.check.ClusterSubnet;
import dev.ferry.vpc.check.Finding;
import dev.ferry.vpc.check.Role;
import dev.ferry.vpc.check.Severity;
import dev.ferry.vpc.model.Vpc;
import java.io.PrintWriter;
import java.util.List;

/** A check report for people: the VPC, the subnets as the cluster uses them, the address plan, the findings, a summary. */
record ReportText(CheckReport report, PrintWriter out) {

    void print() {
        Vpc v = report.vpc().vpc();
        var region = report.vpc().region();
        out.println("VPC " + v.id() + " in " + region + " (" + region.arn("ec2", v.ownerId(), "vpc/" + v.id()) + ")");
        out.println("  CIDR blocks: " + String.join(", ", v.cidrBlocks().stream()
                .map(b -> b.cidr() + " (" + b.state() + (b.primary() ? ", primary" : "") + ")").toList()));
        out.println("  DNS: enableDnsSupport " + onOff(v.dnsSupport()) + ", enableDnsHostnames " + onOff(v.dnsHostnames()));
        out.println("  topology: " + report.layout().topology().id() + " (" + report.layout().topologyReason() + ")");
        subnets();
        report.capacity().ifPresent(this::capacity);
        findings();
        out.println();
        out.println(summary());
        out.flush();
    }

    private void subnets() {
        if (report.layout().subnets().isEmpty()) {
            return;
        }
        out.println();
        Table t = new Table("SUBNET", "ROLE", "KOPS NAME", "ZONE", "CIDR", "FREE", "DEFAULT ROUTE", "EGRESS");
        var kops = report.kopsSpec();
        for (ClusterSubnet s : report.layout().subnets()) {
            String egress = kops.subnets().stream().filter(k -> k.id().equals(s.id())).findFirst()
                    .flatMap(k -> k.egress()).orElse(s.role() == Role.POD ? "" : "-");
            t.row(s.id(), s.role() == Role.POD ? "pods" : s.role().kopsType().orElseThrow(), s.kopsName().isEmpty() ? "-" : s.kopsName(),
                    s.zone(), s.subnet().cidr().toString(), String.valueOf(s.subnet().availableIps()), s.route().describe(), egress);
        }
        t.print(out);
    }

    private void capacity(CapacityPlan p) {
        out.println();
        out.println("Addresses for " + p.nodes() + " x " + p.maxPods().instanceType() + " at max-pods " + p.maxPods().maxPods() + " ("
                + p.maxPods().networking().mode() + "): " + p.nodeSubnetPerNode() + " per node from the node subnet"
                + (p.podSubnetPerNode() > 0 ? ", " + p.podSubnetPerNode() + " from the pod subnet" : "") + "; " + p.nodesPerZone() + " node(s) per zone");
        Table t = new Table("ZONE", "NODE SUBNETS FREE", "NEEDED", "POD SUBNETS FREE", "NEEDED", "ROOM FOR NODES");
        for (CapacityPlan.ZoneCapacity z : p.zones()) {
            boolean pods = p.podSubnetPerNode() > 0;
            t.row(z.zone(), String.valueOf(z.nodeFree()), String.valueOf(z.nodeNeed()), pods ? String.valueOf(z.podFree()) : "-",
                    pods ? String.valueOf(z.podNeed()) : "-", String.valueOf(z.roomForNodes()));
        }
        t.print(out);
    }

    private void findings() {
        List<Finding> all = report.findings();
        if (all.isEmpty()) {
            return;
        }
        out.println();
        Table t = new Table("#", "SEVERITY", "CHECK", "SUBJECT", "FINDING");
        for (int i = 0; i < all.size(); i++) {
            Finding f = all.get(i);
            t.row(String.valueOf(i + 1), f.severity().id(), f.check(), f.subject(), f.message());
        }
        t.print(out);
        for (int i = 0; i < all.size(); i++) {
            Finding f = all.get(i);
            out.println();
            out.println((i + 1) + ". " + f.severity().id() + " " + f.subject() + ": " + f.message());
            out.println("   why: " + f.why());
            if (!f.fix().isEmpty()) {
                out.println("   fix: " + f.fix());
            }
            f.commands().forEach(c -> out.println("     " + c));
        }
    }

    private String summary() {
        long errors = report.count(Severity.ERROR);
        String counts = errors + " error(s), " + report.count(Severity.WARNING) + " warning(s), " + report.count(Severity.NOTE) + " note(s)";
        String subnets = report.layout().kopsSubnets().size() + " kOps subnet(s), " + report.layout().withRole(Role.POD).size() + " pod subnet(s)";
        return "Summary: " + counts + " for " + report.vpc().vpc().id() + " (" + subnets + "). "
                + (errors == 0 ? "kOps and the VPC CNI will find what they need." : "kOps or the VPC CNI would fail: fix the errors, then run the check again.");
    }

    private static String onOff(boolean on) {
        return on ? "on" : "OFF";
    }
}
