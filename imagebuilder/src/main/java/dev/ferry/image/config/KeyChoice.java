package dev.ferry.image.config;

import java.nio.file.Path;

/** How Ferry logs in to the builder: an existing EC2 key pair with its private key file, or a temporary one. */
public sealed interface KeyChoice {

    /** {@code builder.keyPair} + {@code builder.privateKeyFile}. */
    record Existing(String keyName, Path privateKeyFile) implements KeyChoice {}

    /** No key configured: Ferry generates a key locally, imports only its public half, deletes it afterwards. */
    record Temporary() implements KeyChoice {}
}
