package dev.ferry.vpc.check;

import java.util.List;

/** One group of conditions kOps or the VPC CNI needs; reads the snapshot, calls nothing. */
interface Check {
    List<Finding> check(CheckContext context);
}
