package dev.ferry.cli.mirror;

import picocli.CommandLine.Option;

/** {@code --acl} for the commands that publish into a bucket. */
public final class AclOption {

    @Option(names = "--acl", paramLabel = "ACL",
            description = "S3 canned ACL for objects and sidecars: public-read (kOps in China reads the mirror anonymously) or private. Objects already there whose ACL differs get it set. Default: the bucket's (private).")
    String acl;
}
