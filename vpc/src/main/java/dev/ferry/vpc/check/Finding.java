package dev.ferry.vpc.check;

import java.util.List;

/**
 * One thing the check found.
 *
 * @param check    which check found it ({@code dns}, {@code egress}, …)
 * @param subject  the VPC, subnet, zone or CIDR it is about
 * @param message  what is wrong, in one sentence
 * @param why      why kOps or the VPC CNI needs it otherwise
 * @param fix      what to do, in words ("" when there is nothing to do)
 * @param commands {@code aws ec2 …} commands that do it, with {@code --region}; may be empty
 */
public record Finding(Severity severity, String check, String subject, String message, String why, String fix, List<String> commands) {
    public Finding {
        commands = List.copyOf(commands);
    }

    public static Finding error(String check, String subject, String message, String why, String fix, List<String> commands) {
        return new Finding(Severity.ERROR, check, subject, message, why, fix, commands);
    }

    public static Finding warning(String check, String subject, String message, String why, String fix, List<String> commands) {
        return new Finding(Severity.WARNING, check, subject, message, why, fix, commands);
    }

    public static Finding note(String check, String subject, String message, String why) {
        return new Finding(Severity.NOTE, check, subject, message, why, "", List.of());
    }
}
