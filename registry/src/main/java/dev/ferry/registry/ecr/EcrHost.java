package dev.ferry.registry.ecr;

import dev.ferry.aws.AwsRegion;
import dev.ferry.error.FerryException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A private ECR registry host: {@code <account>.dkr.ecr.<region>.amazonaws.com}, in China
 * {@code <account>.dkr.ecr.cn-north-1.amazonaws.com.cn} (and the {@code dkr.ecr-fips} hosts).
 */
public record EcrHost(String account, AwsRegion region, boolean fips) {
    private static final Pattern HOST = Pattern.compile("(\\d{12})\\.dkr\\.ecr(-fips)?\\.([a-z0-9-]+)\\.(amazonaws\\.com(?:\\.cn)?)");

    /** The ECR registry {@code host} names, if it is one; refuses a region whose partition has another DNS suffix. */
    public static Optional<EcrHost> parse(String host) {
        Matcher m = HOST.matcher(host.toLowerCase(java.util.Locale.ROOT));
        if (!m.matches() || !AwsRegion.looksLikeRegion(m.group(3))) {
            return Optional.empty();
        }
        AwsRegion region = new AwsRegion(m.group(3));
        if (!region.dnsSuffix().equals(m.group(4))) {
            throw FerryException.badInput("'" + host + "': ECR in " + region + " is under ." + region.dnsSuffix() + ", not ." + m.group(4),
                    "write it as " + m.group(1) + ".dkr.ecr." + region + "." + region.dnsSuffix());
        }
        return Optional.of(new EcrHost(m.group(1), region, m.group(2) != null));
    }

    public String host() {
        return account + ".dkr.ecr" + (fips ? "-fips" : "") + "." + region + "." + region.dnsSuffix();
    }

    @Override
    public String toString() {
        return host();
    }
}
