package dev.ferry.vpc.check;

import dev.ferry.format.Word;
/** How much a finding matters: an error fails the check (exit 1); a warning or a note does not. */
public enum Severity implements Word {
    /** kOps or the VPC CNI will fail, or the cluster will not work, until this is fixed. */
    ERROR,
    /** It will work, but something will bite later (a Service without a load balancer, cross-zone NAT, a full subnet). */
    WARNING,
    /** Worth knowing; nothing to fix (kOps will add the tag itself, egress is External). */
    NOTE;
}
