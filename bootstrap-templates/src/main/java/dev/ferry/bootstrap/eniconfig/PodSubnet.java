package dev.ferry.bootstrap.eniconfig;

import dev.ferry.error.FerryException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * "Pods of nodes in {@code zone} get addresses from {@code subnetId}": one ENIConfig, written
 * {@code cn-north-1a=subnet-0abc…}. The subnet must be in the node's VPC and in that zone.
 */
public record PodSubnet(String zone, String subnetId) {
    /** An AZ name (cn-north-1a, us-west-2-lax-1a for a Local Zone): the region, then the zone suffix. */
    private static final Pattern ZONE = Pattern.compile("([a-z]{2}(?:-[a-z]+)+-\\d+)([a-z]|-[a-z]+-\\d+[a-z])");
    private static final Pattern SUBNET = Pattern.compile("subnet-([0-9a-f]{8}|[0-9a-f]{17})");

    public PodSubnet {
        if (zone == null || !ZONE.matcher(zone).matches()) {
            boolean zoneId = zone != null && zone.matches("[a-z]{3,5}\\d+-az\\d+");
            throw FerryException.badInput("'" + zone + "' is not an availability zone name",
                    zoneId ? "give the zone name (e.g. cn-north-1a), not the zone ID: nodes carry the name in topology.kubernetes.io/zone"
                            : "e.g. cn-north-1a, cn-northwest-1b, us-west-2-lax-1a");
        }
        if (subnetId == null || !SUBNET.matcher(subnetId).matches()) {
            throw FerryException.badInput("'" + subnetId + "' is not a subnet ID (for " + zone + ")",
                    "subnet IDs look like subnet-0123456789abcdef0; list them with aws ec2 describe-subnets");
        }
    }

    /** Parses {@code ZONE=subnet-…}. */
    public static PodSubnet parse(String text) {
        int eq = text.indexOf('=');
        if (eq <= 0 || eq == text.length() - 1) {
            throw FerryException.badInput("pod subnet '" + text + "' is not ZONE=SUBNET", "e.g. cn-north-1a=subnet-0123456789abcdef0");
        }
        return new PodSubnet(text.substring(0, eq).trim(), text.substring(eq + 1).trim());
    }

    /** The region the zone belongs to: cn-north-1 for cn-north-1a. */
    public String region() {
        Matcher m = ZONE.matcher(zone);
        if (!m.matches()) {
            throw new IllegalStateException(zone);
        }
        return m.group(1);
    }
}
