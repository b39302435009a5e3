package dev.ferry.image.config;

import java.util.Optional;

/**
 * How Ferry reaches the builder over SSH: always to its private IP, optionally through a bastion.
 *
 * @param sudo run bake steps with {@code sudo -n} (the usual case: cloud images log in as a normal user)
 * @param workDir where steps are uploaded on the builder; removed before the image is taken
 * @param requireVerifiedHostKey fail instead of recording the key when the console output has no fingerprints
 */
public record SshSettings(String user, int port, Optional<Bastion> bastion, boolean sudo, String workDir,
                          boolean requireVerifiedHostKey) {}
