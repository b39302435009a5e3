package dev.ferry.registry.oci;

import java.util.Optional;

/** Where an image runs: {@code linux/amd64}, {@code linux/arm64/v8}. */
public record Platform(String os, String architecture, Optional<String> variant) {

    @Override
    public String toString() {
        return os + "/" + architecture + variant.map(v -> "/" + v).orElse("");
    }
}
