package dev.ferry.vpc.read;

import dev.ferry.aws.AwsRegion;
import dev.ferry.error.FerryException;

/** EC2 knows no VPC of that ID in the region asked (exit 2): a wrong ID, or the VPC lives in another region. */
public final class NoSuchVpc extends FerryException {
    private static final long serialVersionUID = 1L;

    private final String vpcId;
    private final AwsRegion region;

    NoSuchVpc(String vpcId, AwsRegion region) {
        super("no VPC " + vpcId + " in " + region, "check the VPC ID and its region (a VPC lives in one region); " + listing(region),
                BAD_USAGE, null);
        this.vpcId = vpcId;
        this.region = region;
    }

    public String vpcId() {
        return vpcId;
    }

    public AwsRegion region() {
        return region;
    }

    /** "list them with: aws ec2 describe-vpcs --region …". */
    public String listing() {
        return listing(region);
    }

    private static String listing(AwsRegion region) {
        return "list them with: aws ec2 describe-vpcs --region " + region;
    }
}
