package dev.ferry.vpc.check;

import dev.ferry.aws.AwsRegion;
import dev.ferry.shell.ShellQuote;

/** Builds the {@code aws ec2 …} commands findings suggest, always with {@code --region}, every word shell-safe. */
public final class AwsCli {
    private final AwsRegion region;

    public AwsCli(AwsRegion region) {
        this.region = region;
    }

    /** {@code aws ec2 VERB --region R ARGS…}; {@code args} alternate flags and values as the AWS CLI takes them. */
    public String ec2(String verb, String... args) {
        StringBuilder sb = new StringBuilder("aws ec2 ").append(verb).append(" --region ").append(region.name());
        for (String a : args) {
            sb.append(' ').append(ShellQuote.word(a));
        }
        return sb.toString();
    }

    /** {@code aws ec2 create-tags} for one resource and its tags ({@code key, value, key, value…}). */
    public String createTags(String resource, java.util.Map<String, String> tags) {
        String[] args = new String[2 + 1 + tags.size()];
        args[0] = "--resources";
        args[1] = resource;
        args[2] = "--tags";
        int i = 3;
        for (var e : tags.entrySet()) {
            args[i++] = "Key=" + e.getKey() + ",Value=" + e.getValue();
        }
        return ec2("create-tags", args);
    }
}
