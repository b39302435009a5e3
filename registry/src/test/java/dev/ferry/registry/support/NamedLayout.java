package dev.ferry.registry.support;

import dev.ferry.progress.Progress;
import dev.ferry.registry.copy.CopyJob;
import dev.ferry.registry.copy.CopyOptions;
import dev.ferry.registry.copy.CopyReport;
import dev.ferry.registry.copy.ImageCopy;
import dev.ferry.registry.copy.ImageResult.Status;
import dev.ferry.registry.layout.OciLayout;
import dev.ferry.registry.support.TestImages.TestImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A layout as {@code sync --registry oci:DIR} leaves it: generated test images copied in by Ferry's own copier,
 * each listed under its canonical name (reference name and containerd name annotated).
 */
public final class NamedLayout {
    private NamedLayout() {}

    /** Copies each image into {@code layout} under its name; fails the test when one is not copied. */
    public static void write(OciLayout layout, Map<String, TestImage> byName) {
        List<CopyJob> jobs = new ArrayList<>();
        byName.forEach((name, image) -> jobs.add(new CopyJob(name, OciLayout.open(image.layout()), image.digest().toString(),
                Optional.of(image.digest()), layout, Optional.of(name))));
        CopyReport report = new ImageCopy(CopyOptions.defaults(2)).run(jobs, Progress.none());
        if (report.count(Status.COPIED) != byName.size()) {
            throw new AssertionError("images not copied into " + layout + ": " + report.summary());
        }
    }
}
