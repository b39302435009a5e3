package dev.ferry.image.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A jump host (ProxyJump) for reaching the builder's private IP. {@code hostKey} pins the bastion's key
 * fingerprint ({@code SHA256:...}); without it the key is recorded and printed, never silently trusted.
 */
public record Bastion(String host, int port, String user, Optional<Path> privateKeyFile, Optional<String> hostKey) {}
