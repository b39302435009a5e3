package dev.ferry.mirror.verify;

import dev.ferry.mirror.env.PublicUrl;
import dev.ferry.mirror.layout.Layout;
import java.util.Objects;
import java.util.Optional;

/**
 * How to verify.
 *
 * @param layout      which sidecars to expect (sha256 for kops, sha1 for legacy)
 * @param deep        re-read every object and re-hash its bytes
 * @param publicUrl   also read each sidecar and the first byte of each object there, without credentials
 * @param jobs        objects checked at once
 * @param syncCommand the command that republishes this mirror, quoted in fixes
 *                    ({@code ferry mirror sync --lock ferry.lock --to s3://b/p})
 */
public record VerifyOptions(Layout layout, boolean deep, Optional<PublicUrl> publicUrl, int jobs, String syncCommand) {
    public VerifyOptions {
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(publicUrl, "publicUrl");
        Objects.requireNonNull(syncCommand, "syncCommand");
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1");
        }
    }
}
