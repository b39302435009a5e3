package dev.ferry.mirror.plan;

import java.util.Optional;

/** A file a manifest adds beyond the catalog: an addon manifest, a tool, anything a cluster needs. */
public record ExtraFile(String url, Optional<String> sha256, Optional<String> key, String where) {}
