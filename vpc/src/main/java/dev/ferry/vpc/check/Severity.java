package dev.ferry.vpc.check;

/** How much a finding matters: an error fails the check (exit 1); a warning or a note does not. */
public enum Severity {
    /** kOps or the VPC CNI will fail, or the cluster will not work, until this is fixed. */
    ERROR,
    /** It will work, but something will bite later (a Service without a load balancer, cross-zone NAT, a full subnet). */
    WARNING,
    /** Worth knowing; nothing to fix (kOps will add the tag itself, egress is External). */
    NOTE;

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
