package dev.ferry.image.build;

import java.util.Optional;

/** The builder's host key as seen during the bake: its fingerprint and whether it was verified. */
public record HostKeyRecord(Optional<String> fingerprint, boolean verified) {}
