package dev.ferry.image.build;

import dev.ferry.image.ec2.Ec2;
import java.security.KeyPair;

/** Where the bake plan runs: the builder over SSH, or (for {@code --dry-run}) a printout. */
public interface BakeTarget {

    HostKeyRecord bake(Ec2 ec2, String instanceId, String privateIp, KeyPair key, BakePlan plan);
}
