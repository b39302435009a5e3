package dev.ferry.cli.image;

import dev.ferry.error.FerryException;
import java.util.regex.Pattern;

/** An S3 bucket name alone, as {@code --bucket} takes it: no {@code s3://}, no key prefix. */
public record BucketName(String name) {
    private static final Pattern FORM = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    public BucketName {
        if (name == null || !FORM.matcher(name).matches()) {
            throw FerryException.badInput("'" + name + "' is not an S3 bucket name", "give the bucket name only, without s3:// or a prefix");
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
