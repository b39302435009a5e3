package dev.ferry.image.config;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The builder's root volume; its snapshot becomes the AMI's. Encrypting it here is how the AMI ends up
 * encrypted (with {@code kmsKeyId}, or the account's default EBS key).
 */
public record RootVolume(OptionalInt sizeGiB, boolean encrypted, Optional<String> kmsKeyId) {
    public static RootVolume asSource() {
        return new RootVolume(OptionalInt.empty(), false, Optional.empty());
    }

    public boolean changesSource() {
        return sizeGiB.isPresent() || encrypted;
    }
}
