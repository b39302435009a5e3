package dev.ferry.image.config;

/** The builder's security group: one the user manages, or a temporary one Ferry creates and deletes. */
public sealed interface SecurityGroupChoice {

    /** {@code builder.securityGroup: sg-...}: must already allow SSH from where Ferry runs. */
    record Existing(String groupId) implements SecurityGroupChoice {}

    /** {@code builder.sshFrom: 10.0.0.0/16}: a temporary group allowing only SSH from that CIDR. */
    record Temporary(String sshFromCidr) implements SecurityGroupChoice {}
}
